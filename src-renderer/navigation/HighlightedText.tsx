// Text of a search hit with its matches in <mark>, styled bold and underlined as well as
// shaded, so a match never rests on colour alone.
import { highlightSegments } from './highlight.js';

export function HighlightedText({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  return (
    <>
      {highlightSegments(text, ranges).map((segment, index) =>
        segment.marked ? (
          <mark key={index} className="hit-mark">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
