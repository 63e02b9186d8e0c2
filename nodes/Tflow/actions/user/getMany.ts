import { filteredListOperation } from '../filteredList';

export const { description, execute } = filteredListOperation('user', {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: 'Only the user with this e-mail address (case-insensitive)',
});
