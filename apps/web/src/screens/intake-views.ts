/** The answer of `POST /cases/duplicate-check`, which the OpenAPI document does not describe yet. */
export interface DuplicateAnswer {
  possibleDuplicate: boolean;
}
