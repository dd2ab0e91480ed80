import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';

/**
 * The options of a select of codes from `GET /code-lists`: first an empty one that asks to choose,
 * then each code under its label in the chosen language.
 */
export function CodeOptions({
  entries,
  choose,
}: {
  entries: components['schemas']['CodeEntryView'][];
  choose: string;
}) {
  const { language } = useI18n();
  return (
    <>
      <option value="">{choose}</option>
      {entries.map((entry) => (
        <option key={entry.code} value={entry.code}>
          {entry.label[language]}
        </option>
      ))}
    </>
  );
}
