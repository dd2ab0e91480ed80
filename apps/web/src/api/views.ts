/**
 * What the OpenAPI document cannot say. `GET /me/abilities` is described there as arrays of
 * strings, numbers and conditions, since OpenAPI 3.0 has no tuples; navigation reads each rule by
 * position. Every other response body is typed from the document (api/schema.d.ts).
 */

/** CASL's packRules form: [actions, subjects, conditions, inverted, fields, reason], lists joined by commas. */
export type PackedRule = [string, string, ...unknown[]];
