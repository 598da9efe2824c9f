// Builds the BundleSource for a --source value or the source setting of the terminal config.
import { createDirSource } from './dir-source.js';
import { createHttpSource } from './http-source.js';
import type { HttpSourceOptions } from './http-source.js';
import type { BundleSource } from './source.js';
import { parseSourceValue } from './source.js';
import { createUsbSource } from './usb-source.js';

export interface CreateSourceOptions {
  /** Timeouts, retries and the download deadline of an http(s) source. */
  http?: HttpSourceOptions;
  /** County code whose folder a `usb` source reads from the medium. */
  regionCode?: string;
  /** Folders under which a `usb` source looks for mounted media; default /media, /run/media, /mnt. */
  usbRoots?: string[];
}

/**
 * Creates the source for a value: an http(s) URL, a folder path or file:// URL, or `usb`. Throws
 * UnsupportedSourceError for another URL scheme. A `usb` source searches the mounted media when
 * it is created and throws SourceError 'not-found' when no medium contains the bundle folder, so
 * create it for each sync pass to notice a stick plugged in since the last one.
 */
export function createSource(value: string, options: CreateSourceOptions = {}): BundleSource {
  const location = parseSourceValue(value);
  switch (location.kind) {
    case 'url':
      return createHttpSource(location.url, options.http);
    case 'folder':
      return createDirSource(location.folder);
    case 'usb':
      return createUsbSource({ regionCode: options.regionCode, roots: options.usbRoots });
  }
}
