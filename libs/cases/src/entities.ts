export const CASES_ENTITIES = [];
