/**
 * Text from imported data (queue names, vendor keys, file names) can be any length: it is cut to one line
 * with an ellipsis and its full value is the tooltip, so no value widens a table or a page.
 */
export function Truncated({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className ? `truncate ${className}` : 'truncate'} title={text}>
      {text}
    </span>
  );
}
