// A QR code drawn by the qrcode package as SVG and shown in an <img> with a text alternative.
// The SVG keeps the standard quiet zone of four modules, and CSS sizes the image, so the code
// stays sharp at any size.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export interface QrCodeProps {
  /** The text to encode, an address for every code on the kiosk. */
  value: string;
  /** Purpose of the code, read out in place of the image. */
  alt: string;
  className?: string;
}

/** Draws `value` as an SVG data URL; error correction M survives a scratched or dim screen. */
export async function qrDataUrl(value: string): Promise<string> {
  const svg = await QRCode.toString(value, { type: 'svg', margin: 4, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function QrCode({ value, alt, className }: QrCodeProps) {
  const [source, setSource] = useState<{ value: string; url: string } | null>(null);

  useEffect(() => {
    let current = true;
    qrDataUrl(value).then(
      (url) => current && setSource({ value, url }),
      // An address too long for a QR code leaves the frame empty; the caption still explains.
      () => current && setSource(null),
    );
    return () => {
      current = false;
    };
  }, [value]);

  const url = source !== null && source.value === value ? source.url : null;
  return (
    <div className={className === undefined ? 'qr-code' : `qr-code ${className}`} data-testid="qr-code">
      {url !== null && <img src={url} alt={alt} draggable={false} />}
    </div>
  );
}
