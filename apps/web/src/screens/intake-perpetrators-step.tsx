import type { CodeLists } from '../ui/labels';
import { useI18n } from '../i18n/i18n';
import type { Perpetrator, Problems } from './case-fields';
import { CaseFieldInput, controlId } from './case-field-input';
import { blankPerpetrator, MAX_PERPETRATORS, PERPETRATOR_FIELDS, perpetratorPath } from './intake-perpetrators';

/** The perpetrators of a case, none or more (one may be unknown yet): each with its relationship to the survivor. */
export function PerpetratorsStep({
  perpetrators,
  problems,
  codes,
  onChange,
}: {
  perpetrators: Perpetrator[];
  problems: Problems;
  codes: CodeLists;
  onChange(perpetrators: Perpetrator[]): void;
}) {
  const { t } = useI18n();
  const update = (index: number, field: string, value: string) =>
    onChange(perpetrators.map((perpetrator, at) => (at === index ? { ...perpetrator, [field]: value } : perpetrator)));

  return (
    <>
      {perpetrators.length === 0 && <p>{t('intakeNoPerpetrators')}</p>}
      {perpetrators.map((perpetrator, index) => {
        const number = String(index + 1);
        return (
          <fieldset key={index} class="perpetrator">
            <legend>{t('intakePerpetratorNumber', { number })}</legend>
            {PERPETRATOR_FIELDS.map((field) => {
              const path = perpetratorPath(index, field.path);
              return (
                <CaseFieldInput
                  key={path}
                  field={{ ...field, path }}
                  value={perpetrator[field.path] ?? ''}
                  problem={problems[path]}
                  codes={codes}
                  onValue={(value) => update(index, field.path, value as string)}
                />
              );
            })}
            <button type="button" onClick={() => onChange(perpetrators.filter((_, at) => at !== index))}>
              {t('intakeRemovePerpetrator', { number })}
            </button>
          </fieldset>
        );
      })}
      {perpetrators.length < MAX_PERPETRATORS && (
        <p>
          <button
            type="button"
            onClick={() => {
              onChange([...perpetrators, blankPerpetrator()]);
              // The new perpetrator's first field, rather than the button it now stands above.
              setTimeout(() =>
                document.getElementById(controlId(perpetratorPath(perpetrators.length, 'relationship')))?.focus(),
              );
            }}
          >
            {t('intakeAddPerpetrator')}
          </button>
        </p>
      )}
    </>
  );
}
