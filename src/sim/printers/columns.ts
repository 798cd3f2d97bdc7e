/** Column definitions shared by several printers, named and described as Kubernetes names them. */
import type {TableColumn} from '../types.js';

/** ObjectMeta's swagger doc for `name`, the description of every Name column. */
export const NAME_DOC =
	'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** ObjectMeta's swagger doc for `creationTimestamp`, the description of every Age column. */
export const CREATED_DOC =
	'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column definition; `priority` 1 shows only with `-o wide`. */
export function column(name: string, type: TableColumn['type'], description: string, priority = 0, format = ''): TableColumn {
	return {name, type, format, description, priority};
}

/** The Name column (format `name`, which kubectl uses for `-o name` and sorting). */
export const NAME: TableColumn = column('Name', 'string', NAME_DOC, 0, 'name');

/** The Age column: a humanised duration, sent as a string. */
export const AGE: TableColumn = column('Age', 'string', CREATED_DOC);

/** The wide Containers column of workload printers. */
export const CONTAINERS: TableColumn = column('Containers', 'string', 'Names of each container in the template.', 1);

/** The wide Images column of workload printers. */
export const IMAGES: TableColumn = column('Images', 'string', 'Images referenced by each container in the template.', 1);
