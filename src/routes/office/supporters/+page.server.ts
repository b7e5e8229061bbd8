import type { Actions, PageServerLoad } from './$types';
import { activeFieldNames, activeForm, courseFieldNames, courseForm, importFieldNames, importForm, trainingFieldNames, trainingForm } from '$lib/domain/training-form.ts';
import { rowsOf, textOf } from '$lib/server/course-list.ts';
import { orFail, parseForm, readForm, readFormWithFile, refuse } from '$lib/server/forms.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';
import * as supporters from '$lib/server/supporters.ts';
import * as venues from '$lib/server/venues.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const [{ municipality }, roster, courses] = await Promise.all([
		readOrRefuse(() => venues.list(locals.db, town)),
		readOrRefuse(() => supporters.roster(locals.db, town)),
		supporters.courses(locals.db)
	]);
	return { municipality, roster, courses };
};

export const actions: Actions = {
	active: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { data, failure } = parseForm(activeForm, await readForm(request, [...activeFieldNames]));
		if (failure) return failure;
		const result = await orFail(() => supporters.setActive(locals.db, data.supporter_id, data.active), {}, 'active');
		return result.failure ?? { done: data.active ? ('activated' as const) : ('deactivated' as const) };
	},
	record: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { data, failure, values } = parseForm(trainingForm, await readForm(request, [...trainingFieldNames]), [...trainingFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => supporters.recordTraining(locals.db, data.supporter_id, data.course, data.completed_on), values);
		return result.failure ?? { done: 'recorded' as const };
	},
	course: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { data, failure, values } = parseForm(courseForm, await readForm(request, [...courseFieldNames]), ['name_ja', 'name_en']);
		if (failure) return failure;
		const result = await orFail(() => supporters.addCourse(locals.db, data.prefecture_code, data.name_ja, data.name_en), values, 'name_ja');
		return result.failure ?? { done: 'courseAdded' as const };
	},
	import: async ({ request, locals, url }) => {
		signedIn(locals, url);
		townOf(url);
		const { fields, bytes } = await readFormWithFile(request, [...importFieldNames], 'file', 1_000_000);
		const { data, failure, values } = parseForm(importForm, fields, ['course', 'completed_on', 'all_or_nothing', 'list']);
		if (failure) return failure;
		const rows = rowsOf(bytes.length > 0 ? textOf(bytes) : data.list, 2001);
		if (!rows) return refuse(400, values, { list: 'list_unreadable' });
		if (rows.length === 0) return refuse(400, values, { list: 'import_rows_invalid' });
		// More than one course's list can hold: told, rather than the rest left out.
		if (rows.length > 2000) return refuse(400, values, { list: 'import_too_many' });
		const result = await orFail(() => supporters.importTraining(locals.db, data.course, data.completed_on, rows, data.all_or_nothing), values, 'list');
		if (result.failure) return result.failure;
		return { done: 'imported' as const, imported: result.value.imported, importErrors: result.value.errors, values };
	}
};
