/**
 * A time zone chosen from the browser's IANA list (Intl.supportedValuesOf): typing filters the list, and a
 * value outside it is refused by the form before the API sees it.
 */
import { useId } from 'react';

const TIME_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();
const KNOWN = new Set([...TIME_ZONES, 'UTC']);

export function TimeZoneInput({
  id,
  name,
  value,
  defaultValue,
  onChange,
  required,
}: {
  id: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (timeZone: string) => void;
  required?: boolean;
}) {
  const listId = useId();
  return (
    <>
      <input
        id={id}
        name={name}
        list={listId}
        autoComplete="off"
        placeholder="Search: Manila, Berlin…"
        required={required}
        value={value}
        defaultValue={defaultValue}
        onChange={(event) => {
          const zone = event.target.value;
          event.target.setCustomValidity(zone === '' || KNOWN.has(zone) ? '' : 'Choose a time zone from the list');
          onChange?.(zone);
        }}
      />
      <datalist id={listId} data-testid="time-zone-list">
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
