import type { CodeLists } from '../ui/labels';
import { type CaseField, fieldProblem, type Perpetrator, PERPETRATOR_KEYS, type Problems } from './case-fields';

/** The fields of one perpetrator, with the rules of PerpetratorDto. */
export const PERPETRATOR_FIELDS: readonly CaseField[] = [
  {
    path: 'relationship',
    step: 'perpetrators',
    kind: 'code',
    list: 'relationship',
    required: true,
    label: 'intakePerpetratorRelationship',
  },
  { path: 'sex', step: 'perpetrators', kind: 'code', list: 'sex', label: 'intakePerpetratorSex' },
  { path: 'ageGroup', step: 'perpetrators', kind: 'code', list: 'perpetratorAgeGroup', label: 'intakePerpetratorAge' },
  { path: 'name', step: 'perpetrators', kind: 'text', max: 200, label: 'intakePerpetratorName' },
  { path: 'phone', step: 'perpetrators', kind: 'phone', max: 40, label: 'intakePerpetratorPhone' },
];

/** The API allows twenty perpetrators on a case (MAX_PERPETRATORS). */
export const MAX_PERPETRATORS = 20;

export const blankPerpetrator = (): Perpetrator => Object.fromEntries(PERPETRATOR_KEYS.map((key) => [key, '']));

/** The perpetrators of a case as one field of the edit: changed, compared and chosen as a whole list. */
export const PERPETRATORS_FIELD: CaseField = {
  path: 'perpetrators',
  step: 'perpetrators',
  kind: 'perpetrators',
  label: 'intakeStepPerpetrators',
};

/** A perpetrator's field as a path of its own, so that its control and error have ids apart from the others'. */
export const perpetratorPath = (index: number, field: string) => `perpetrators.${index}.${field}`;

export function perpetratorProblems(perpetrators: Perpetrator[], codes: CodeLists): Problems {
  const problems: Problems = {};
  perpetrators.forEach((perpetrator, index) => {
    for (const field of PERPETRATOR_FIELDS) {
      const problem = fieldProblem(field, perpetrator[field.path] ?? '', codes);
      if (problem) problems[perpetratorPath(index, field.path)] = problem;
    }
  });
  return problems;
}
