import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The last argument of httpRequestWithAuthentication that hands n8n a credential the transport has
 * just loaded, so that n8n does not load it a second time for the same request (in n8n that is a
 * database read, a decryption and an expression pass over every field). n8n still runs
 * preAuthentication on it (an empty token is fetched and stored) and signs the request with it.
 * Use it only with data fresh from getCredentials for this request: a resend after a 401 loads the
 * credential again, as another item may have renewed the token meanwhile.
 */
export function loadedCredential(type: string, data: ICredentialDataDecryptedObject): IAdditionalCredentialOptions {
	return { credentialsDecrypted: { id: '', name: type, type, data } };
}
