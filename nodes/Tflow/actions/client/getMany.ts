import { filteredListOperation } from '../filteredList';

export const { description, execute } = filteredListOperation('client', {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Only the client with exactly this name (case-insensitive)',
});
