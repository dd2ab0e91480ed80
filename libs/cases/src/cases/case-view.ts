import { gbvimsAgeGroup, gbvimsTypesOf, isChild, simfoniAgeGroup, TpksForm, ViolenceType } from '../code-lists';
import { CasePerpetratorEntity } from './case-perpetrator.entity';
import { CaseEntity } from './case.entity';
import { SEALED_CASE_FIELDS, SYSTEM_CODED_CASE_FIELDS, setPath, WRITTEN_CODED_CASE_FIELDS } from './case-fields';
import { CaseVault } from './case-vault';

export const PERPETRATORS_TABLE = 'case_perpetrators';
export const CASES_TABLE = 'cases';

/** The age bands a case is counted in, derived from the age at intake; none when the age is unknown. */
export function derivedAge(age: number | null) {
  return age === null
    ? {}
    : { ageGroup: simfoniAgeGroup(age), gbvimsAgeGroup: gbvimsAgeGroup(age), isChild: isChild(age) };
}

/**
 * The case JSON of SPEC §9 for one row, with sealed values opened only where `readable` allows
 * (the caller filters the result to readable fields again). Lists pass no perpetrators.
 */
export function caseView(
  vault: CaseVault,
  row: CaseEntity,
  key: Buffer | undefined,
  readable: ReadonlySet<string>,
  perpetrators: CasePerpetratorEntity[] | undefined,
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [field, column] of Object.entries({ ...SYSTEM_CODED_CASE_FIELDS, ...WRITTEN_CODED_CASE_FIELDS }))
    setPath(view, field, row[column]);
  for (const [field, column] of Object.entries(SEALED_CASE_FIELDS)) {
    if (!readable.has(field)) continue;
    const opened = vault.open(key, { table: CASES_TABLE, rowId: row.id, field }, row[column]);
    if (opened !== undefined) setPath(view, field, opened);
  }
  for (const [field, value] of Object.entries(derivedAge(row.survivorAgeAtIntake)))
    setPath(view, `survivor.${field}`, value);
  view.gbvimsTypes = gbvimsTypesOf({
    violenceTypes: row.violenceTypes as ViolenceType[],
    tpksForms: row.tpksForms as TpksForm[],
  });
  if (perpetrators)
    view.perpetrators = perpetrators.map((perpetrator) => perpetratorView(vault, perpetrator, key, readable));
  return view;
}

function perpetratorView(
  vault: CaseVault,
  row: CasePerpetratorEntity,
  key: Buffer | undefined,
  readable: ReadonlySet<string>,
) {
  const view: Record<string, unknown> = { relationship: row.relationship, sex: row.sex, ageGroup: row.ageGroup };
  for (const field of ['name', 'phone'] as const) {
    if (!readable.has(`perpetrators.${field}`)) continue;
    const opened = vault.open(
      key,
      { table: PERPETRATORS_TABLE, rowId: row.id, field: `perpetrators.${field}` },
      row[field],
    );
    if (opened !== undefined) view[field] = opened;
  }
  return view;
}
