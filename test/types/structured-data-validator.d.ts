/** The slice of @adobe/structured-data-validator (plain JavaScript, no types of its own) the tests use. */
declare module '@adobe/structured-data-validator' {
  export interface ValidationIssue {
    issueMessage: string;
    severity: 'ERROR' | 'WARNING';
    fieldNames?: string[];
    rootType?: string;
  }
  type Handler = () => Promise<{ default: unknown }>;
  export default class Validator {
    constructor(schemaOrgJson?: object);
    registeredHandlers: Record<string, Handler[]>;
    validate(data: { jsonld?: Record<string, object[]> }): Promise<ValidationIssue[]>;
  }
}
declare module '@adobe/structured-data-validator/src/types/*.js' {
  const handler: unknown;
  export default handler;
}
