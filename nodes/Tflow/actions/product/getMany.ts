import { filteredListOperation } from '../filteredList';

export const { description, execute } = filteredListOperation('product', {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Only the product with exactly this name (case-insensitive)',
});
