/** Printers for PersistentVolume and PersistentVolumeClaim. */
import type {KubeObject, Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {optStr, rec, str, strMap} from '../../model/json.js';
import {accessModes} from '../../model/computed.js';
import {canonicalQuantity} from '../../model/quantity.js';

/** GetPersistentVolume(Claim)Class: the beta annotation wins over spec.storageClassName. */
function storageClass(o: KubeObject): string {
	const annotation = strMap(o.metadata.annotations)['volume.beta.kubernetes.io/storage-class'];
	return annotation ?? str(rec(o.spec).storageClassName);
}

/** A quantity as Quantity.String() prints it; an absent one is the zero quantity, `0`. */
function storage(resources: unknown): string {
	const value = rec(resources).storage;
	return value === undefined || value === null ? '0' : canonicalQuantity(value);
}

function phase(o: KubeObject): string {
	// The API server defaults the phase to Pending on create.
	return o.metadata.deletionTimestamp ? 'Terminating' : str(rec(o.status).phase, 'Pending');
}

/** spec.volumeMode; the API server defaults it to Filesystem, so `<unset>` never shows on a real server. */
function volumeMode(o: KubeObject): string {
	return optStr(rec(o.spec).volumeMode) ?? 'Filesystem';
}

function attributesClass(o: KubeObject): string {
	return optStr(rec(o.spec).volumeAttributesClassName) ?? '<unset>';
}

/**
 * kubectl get pv: Name, Capacity, Access Modes, Reclaim Policy, Status, Claim, StorageClass,
 * VolumeAttributesClass, Reason, Age; wide VolumeMode. (v1.20 had no VolumeAttributesClass.)
 */
export const persistentVolumePrinter: Printer = {
	columns: [
		NAME,
		column('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity."),
		column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
		column(
			'Reclaim Policy',
			'string',
			'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.',
		),
		column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
		column('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
		column('StorageClass', 'string', 'StorageClass of the pv'),
		column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
		column(
			'Reason',
			'string',
			'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.',
		),
		AGE,
		column(
			'VolumeMode',
			'string',
			'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.',
			1,
		),
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		const claimRef = rec(spec.claimRef);
		const claim = spec.claimRef === undefined || spec.claimRef === null ? '' : `${str(claimRef.namespace)}/${str(claimRef.name)}`;
		return [
			o.metadata.name,
			storage(spec.capacity),
			accessModes(spec.accessModes),
			// Defaulted to Retain for a volume created by hand.
			str(spec.persistentVolumeReclaimPolicy, 'Retain'),
			phase(o),
			claim,
			storageClass(o),
			attributesClass(o),
			str(rec(o.status).reason),
			age(o, now),
			volumeMode(o),
		];
	},
};

/**
 * kubectl get pvc: Name, Status, Volume, Capacity, Access Modes, StorageClass,
 * VolumeAttributesClass, Age; wide VolumeMode. Capacity and access modes show once bound.
 */
export const persistentVolumeClaimPrinter: Printer = {
	columns: [
		NAME,
		column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
		column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
		column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
		column('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
		column('StorageClass', 'string', 'StorageClass of the pvc'),
		column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
		AGE,
		column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
	],
	cells: (o, now) => {
		const spec = rec(o.spec);
		const status = rec(o.status);
		const volumeName = str(spec.volumeName);
		const bound = volumeName !== '';
		return [
			o.metadata.name,
			phase(o),
			volumeName,
			bound ? storage(status.capacity) : '',
			bound ? accessModes(status.accessModes) : '',
			storageClass(o),
			attributesClass(o),
			age(o, now),
			volumeMode(o),
		];
	},
};
