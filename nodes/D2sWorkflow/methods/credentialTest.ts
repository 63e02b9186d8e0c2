import { testD2sCredentials } from '../transport';

/** Named in the node's credential entry (`testedBy`), so n8n's Test button runs it. */
export const credentialTest = { d2sWorkflowApiTest: testD2sCredentials };
