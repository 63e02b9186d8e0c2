/**
 * Dynamic property definitions (GET prop/{entityType}) and the check of order/job `props` against
 * them. The shape follows the tflow gem's fixture; which entity types exist and whether tFLOW checks
 * values are not documented, so both are knobs (see config.ts).
 */
import type { TflowConfig } from './config';
import type { InputReader } from './input';

export type PropInputType = 'text' | 'textarea' | 'select' | 'multiselect';

export interface PropDefinition {
	id: number;
	input_type: PropInputType;
	name: string;
	display_name: string;
	display_order: number;
	js_validation_rules_proc: string | null;
	default_value: string | null;
	list_values: Array<{ id: number; name: string }>;
}

type Seed = [name: string, displayName: string, type: PropInputType, values?: string[], defaultValue?: string];

function definitions(firstId: number, seeds: Seed[]): PropDefinition[] {
	let valueId = firstId * 10;
	return seeds.map(([name, displayName, type, values = [], defaultValue], index) => ({
		id: firstId + index,
		input_type: type,
		name,
		display_name: displayName,
		display_order: (index + 1) * 10,
		js_validation_rules_proc: null,
		default_value: defaultValue ?? null,
		list_values: values.map((value) => ({ id: ++valueId, name: value })),
	}));
}

/** The seed: the default prop names the gem's fixtures show, plus a select and a multiselect per type. */
export function seedPropDefinitions(): Array<[string, PropDefinition[]]> {
	return [
		['order', definitions(1, [
			['sales_rep', 'Sales Rep', 'text'],
			['rep_name', 'Rep Name', 'text'],
			['pm_name', 'Project Manager', 'text'],
			['mis_job_number', 'MIS Job Number', 'text'],
			['mis_contact', 'MIS Contact', 'text'],
			['quantity', 'Quantity', 'text'],
			['shipping_address', 'Shipping Address', 'textarea'],
			['phone_contact', 'Phone Contact', 'text'],
			['email_contact', 'Email Contact', 'text'],
			['delivery', 'Delivery', 'select', ['Pickup', 'Courier', 'Post'], 'Courier'],
			['product_types', 'Product Types', 'multiselect', ['Business Cards', 'Flyers', 'Posters', 'Banners']],
		])],
		['job', definitions(101, [
			['print_width', 'Print Width (mm)', 'text'],
			['print_height', 'Print Height (mm)', 'text'],
			['min_ppi', 'Minimum PPI', 'text', [], '150'],
			['quantity', 'Quantity', 'text'],
			['sales_rep', 'Sales Rep', 'text'],
			['shipping_address', 'Shipping Address', 'textarea'],
			['phone_contact', 'Phone Contact', 'text'],
			['email_contact', 'Email Contact', 'text'],
			['actual_print_size', 'Actual Print Size', 'text'],
			['paper', 'Paper', 'select', ['Silk 350 g/m²', 'Gloss 170 g/m²', 'Uncoated 120 g/m²']],
			// A value whose name holds a comma: a list of names given as text must not split it.
			['finishings', 'Finishings', 'multiselect', ['lamination', 'die_cut', 'rounded_corners', 'eyelets', 'Fold, then cut']],
		])],
	];
}

/** Whether a select value names one of the definition's values, by name or id as configured. */
function isListValue(definition: PropDefinition, value: unknown, config: TflowConfig): boolean {
	if (typeof value !== 'string' && typeof value !== 'number') return false;
	const given = String(value);
	return definition.list_values.some(
		(entry) => (config.propSelectValue !== 'id' && entry.name === given) || (config.propSelectValue !== 'name' && String(entry.id) === given),
	);
}

function problem(definition: PropDefinition | undefined, value: unknown, config: TflowConfig): string | undefined {
	if (!definition) return 'Unknown property';
	if (value === null) return undefined;
	switch (definition.input_type) {
		case 'text':
		case 'textarea':
			return typeof value === 'string' || typeof value === 'number' ? undefined : 'Must be a string';
		case 'select':
			return value === '' || isListValue(definition, value, config) ? undefined : 'Not an allowed value';
		case 'multiselect':
			return Array.isArray(value) && value.every((entry) => isListValue(definition, entry, config)) ? undefined : 'Must be a list of allowed values';
	}
}

/** Checks `props` against the entity type's definitions when the emulator is strict (propsCheck). */
export function checkProps(reader: InputReader, props: Record<string, unknown> | undefined, definitionsOfEntity: PropDefinition[], config: TflowConfig) {
	if (!props || config.propsCheck === 'off') return;
	for (const [name, value] of Object.entries(props)) {
		const failure = problem(
			definitionsOfEntity.find((definition) => definition.name === name),
			value,
			config,
		);
		if (failure) reader.fail(`props.${name}`, failure);
	}
}
