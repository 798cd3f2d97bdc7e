/** describeVolumes: each volume of a pod (or pod template) with its source's fields, as kubectl prints them. */
import {
	byteLength,
	byteOrder,
	clean,
	goList,
	int,
	isRec,
	keysOrNone,
	printLabelsAndAnnotations,
	rec,
	recs,
	str,
	strMap,
	strs,
} from './format.js';
import {parseQuantity, quantityText} from './resources.js';
import type {Json} from './types.js';
import {nest, type Writer} from './writer.js';

/** How Go's %v prints a field of a volume source. */
type FieldKind = 'string' | 'number' | 'bool' | 'list' | 'ref' | 'map';
type Field = readonly [label: string, key: string, kind?: FieldKind];
type SourceSpec = readonly [key: string, title: string, fields: readonly Field[]];

/** %v of a field: Go's zero value when absent; a nil pointer is <nil>, a reference &{name}. */
function goValue(value: unknown, kind: FieldKind = 'string'): string {
	switch (kind) {
		case 'number':
			return String(int(value));
		case 'bool':
			return String(value === true);
		case 'list':
			return goList(strs(value));
		case 'ref':
			return isRec(value) ? `&{${clean(value['name'])}}` : '<nil>';
		case 'map': {
			const map = strMap(value);
			return `map[${Object.keys(map)
				.sort(byteOrder)
				.map((k) => `${clean(k)}:${clean(map[k])}`)
				.join(' ')}]`;
		}
		default:
			return clean(value);
	}
}

// The sources kubectl prints as a fixed list of fields, in its order and with its titles.
const SIMPLE_SOURCES: readonly SourceSpec[] = [
	[
		'gcePersistentDisk',
		'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)',
		[
			['PDName', 'pdName'],
			['FSType', 'fsType'],
			['Partition', 'partition', 'number'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'awsElasticBlockStore',
		'AWSElasticBlockStore (a Persistent Disk resource in AWS)',
		[
			['VolumeID', 'volumeID'],
			['FSType', 'fsType'],
			['Partition', 'partition', 'number'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'gitRepo',
		'GitRepo (a volume that is pulled from git when the pod is created)',
		[
			['Repository', 'repository'],
			['Revision', 'revision'],
		],
	],
	[
		'nfs',
		'NFS (an NFS mount that lasts the lifetime of a pod)',
		[
			['Server', 'server'],
			['Path', 'path'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'glusterfs',
		"Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)",
		[
			['EndpointsName', 'endpoints'],
			['Path', 'path'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'persistentVolumeClaim',
		'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
		[
			['ClaimName', 'claimName'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'rbd',
		"RBD (a Rados Block Device mount on the host that shares a pod's lifetime)",
		[
			['CephMonitors', 'monitors', 'list'],
			['RBDImage', 'image'],
			['FSType', 'fsType'],
			['RBDPool', 'pool'],
			['RadosUser', 'user'],
			['Keyring', 'keyring'],
			['SecretRef', 'secretRef', 'ref'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'quobyte',
		"Quobyte (a Quobyte mount on the host that shares a pod's lifetime)",
		[
			['Registry', 'registry'],
			['Volume', 'volume'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'azureDisk',
		'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)',
		[
			['DiskName', 'diskName'],
			['DiskURI', 'diskURI'],
			['Kind: ', 'kind'],
			['FSType', 'fsType'],
			['CachingMode', 'cachingMode'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'vsphereVolume',
		'vSphereVolume (a Persistent Disk resource in vSphere)',
		[
			['VolumePath', 'volumePath'],
			['FSType', 'fsType'],
			['StoragePolicyName', 'storagePolicyName'],
		],
	],
	[
		'cinder',
		'Cinder (a Persistent Disk resource in OpenStack)',
		[
			['VolumeID', 'volumeID'],
			['FSType', 'fsType'],
			['ReadOnly', 'readOnly', 'bool'],
			['SecretRef', 'secretRef', 'ref'],
		],
	],
	[
		'photonPersistentDisk',
		'PhotonPersistentDisk (a Persistent Disk resource in photon platform)',
		[
			['PdID', 'pdID'],
			['FSType', 'fsType'],
		],
	],
	['portworxVolume', 'PortworxVolume (a Portworx Volume resource)', [['VolumeID', 'volumeID']]],
	[
		'scaleIO',
		'ScaleIO (a persistent volume backed by a block device in ScaleIO)',
		[
			['Gateway', 'gateway'],
			['System', 'system'],
			['Protection Domain', 'protectionDomain'],
			['Storage Pool', 'storagePool'],
			['Storage Mode', 'storageMode'],
			['VolumeName', 'volumeName'],
			['FSType', 'fsType'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'cephfs',
		"CephFS (a CephFS mount on the host that shares a pod's lifetime)",
		[
			['Monitors', 'monitors', 'list'],
			['Path', 'path'],
			['User', 'user'],
			['SecretFile', 'secretFile'],
			['SecretRef', 'secretRef', 'ref'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'storageos',
		'StorageOS (a StorageOS Persistent Disk resource)',
		[
			['VolumeName', 'volumeName'],
			['VolumeNamespace', 'volumeNamespace'],
			['FSType', 'fsType'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'azureFile',
		'AzureFile (an Azure File Service mount on the host and bind mount to the pod)',
		[
			['SecretName', 'secretName'],
			['ShareName', 'shareName'],
			['ReadOnly', 'readOnly', 'bool'],
		],
	],
	[
		'flexVolume',
		'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
		[
			['Driver', 'driver'],
			['FSType', 'fsType'],
			['SecretRef', 'secretRef', 'ref'],
			['ReadOnly', 'readOnly', 'bool'],
			['Options', 'options', 'map'],
		],
	],
	[
		'flocker',
		'Flocker (a Flocker volume mounted by the Flocker agent)',
		[
			['DatasetName', 'datasetName'],
			['DatasetUUID', 'datasetUUID'],
		],
	],
	[
		'image',
		'Image (a container image or OCI artifact)',
		[
			['Reference', 'reference'],
			['PullPolicy', 'pullPolicy'],
		],
	],
];

function writeSource(w: Writer, title: string, lines: readonly (readonly [string, string])[]): void {
	w.write(2, `Type:\t${title}\n`);
	// kubectl writes "ISCSIInterface" without a colon and "Kind: " with a space before the tab.
	for (const [label, value] of lines) w.write(2, `${label === 'ISCSIInterface' || label.endsWith(' ') ? label : `${label}:`}\t${value}\n`);
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(claim: Json): string {
	const annotations = rec(rec(claim['metadata'])['annotations']);
	const beta = annotations['volume.beta.kubernetes.io/storage-class'];
	return typeof beta === 'string' ? beta : str(rec(claim['spec'])['storageClassName']);
}

/** The PVC template of an ephemeral volume (printPersistentVolumeClaim for a template), two levels in. */
function describeClaimTemplate(w: Writer, template: Json): void {
	const nested = nest(w, 2);
	const meta = rec(template['metadata']);
	const spec = rec(template['spec']);
	nested.write(0, `StorageClass:\t${clean(claimClass(template))}\n`);
	nested.write(0, `Volume:\t${clean(spec['volumeName'])}\n`);
	printLabelsAndAnnotations(nested, meta);
	// A template has no status: its capacity and access modes print empty unless bound to a volume.
	nested.write(0, `Capacity:\t${str(spec['volumeName']) === '' ? '' : '0'}\n`);
	nested.write(0, 'Access Modes:\t\n');
	if (typeof spec['volumeMode'] === 'string') nested.write(0, `VolumeMode:\t${clean(spec['volumeMode'])}\n`);
	if (isRec(spec['dataSource'])) {
		const source = spec['dataSource'];
		nested.write(0, 'DataSource:\n');
		if (typeof source['apiGroup'] === 'string') nested.write(1, `APIGroup:\t${clean(source['apiGroup'])}\n`);
		nested.write(1, `Kind:\t${clean(source['kind'])}\n`);
		nested.write(1, `Name:\t${clean(source['name'])}\n`);
	}
}

/** printCSIPersistentVolumeAttributesMultiline, quirks and all: every piece is written at level 2. */
function describeCsiAttributes(w: Writer, attributes: unknown): void {
	w.write(2, 'VolumeAttributes:\t');
	const map = strMap(attributes);
	keysOrNone(w, map).forEach((key, i) => {
		if (i !== 0) {
			w.write(2, '');
			w.write(2, '\t');
		}
		const line = `${key}=${map[key] ?? ''}`;
		const cut = byteLength(line) > 140 ? `${Buffer.from(line).subarray(0, 140).toString('utf8')}...` : line;
		w.write(2, `${clean(cut)}\n`);
	});
}

function describeSource(w: Writer, volume: Json): void {
	const has = (key: string) => isRec(volume[key]);
	const source = (key: string) => rec(volume[key]);
	if (has('hostPath')) {
		const type = source('hostPath')['type'];
		writeSource(w, 'HostPath (bare host directory volume)', [
			['Path', clean(source('hostPath')['path'])],
			['HostPathType', typeof type === 'string' ? clean(type) : '<none>'],
		]);
	} else if (has('emptyDir')) {
		const limit = parseQuantity(source('emptyDir')['sizeLimit']);
		writeSource(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
			['Medium', clean(source('emptyDir')['medium'])],
			['SizeLimit', limit.nanos > 0n ? clean(quantityText(source('emptyDir')['sizeLimit'])) : '<unset>'],
		]);
	} else if (has('secret')) {
		writeSource(w, 'Secret (a volume populated by a Secret)', [
			['SecretName', clean(source('secret')['secretName'])],
			['Optional', String(source('secret')['optional'] === true)],
		]);
	} else if (has('configMap')) {
		writeSource(w, 'ConfigMap (a volume populated by a ConfigMap)', [
			['Name', clean(source('configMap')['name'])],
			['Optional', String(source('configMap')['optional'] === true)],
		]);
	} else if (has('iscsi')) {
		const s = source('iscsi');
		writeSource(w, "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)", [
			['TargetPortal', goValue(s['targetPortal'])],
			['IQN', goValue(s['iqn'])],
			['Lun', goValue(s['lun'], 'number')],
			// kubectl writes this one without a colon.
			['ISCSIInterface', goValue(s['iscsiInterface'])],
			['FSType', goValue(s['fsType'])],
			['ReadOnly', goValue(s['readOnly'], 'bool')],
			['Portals', goValue(s['portals'], 'list')],
			['DiscoveryCHAPAuth', goValue(s['chapAuthDiscovery'], 'bool')],
			['SessionCHAPAuth', goValue(s['chapAuthSession'], 'bool')],
			['SecretRef', goValue(s['secretRef'], 'ref')],
			['InitiatorName', typeof s['initiatorName'] === 'string' ? clean(s['initiatorName']) : '<none>'],
		]);
	} else if (has('ephemeral')) {
		w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
		if (isRec(source('ephemeral')['volumeClaimTemplate'])) describeClaimTemplate(w, rec(source('ephemeral')['volumeClaimTemplate']));
	} else if (has('downwardAPI')) {
		w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
		for (const item of recs(source('downwardAPI')['items'])) {
			if (isRec(item['fieldRef'])) w.write(3, `${clean(item['fieldRef']['fieldPath'])} -> ${clean(item['path'])}\n`);
			if (isRec(item['resourceFieldRef'])) w.write(3, `${clean(item['resourceFieldRef']['resource'])} -> ${clean(item['path'])}\n`);
		}
	} else if (has('fc')) {
		const s = source('fc');
		writeSource(w, 'FC (a Fibre Channel disk)', [
			['TargetWWNs', clean(strs(s['targetWWNs']).join(', '))],
			['LUN', typeof s['lun'] === 'number' ? String(int(s['lun'])) : '<none>'],
			['FSType', goValue(s['fsType'])],
			['ReadOnly', goValue(s['readOnly'], 'bool')],
		]);
	} else if (has('projected')) {
		w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
		for (const s of recs(source('projected')['sources'])) {
			if (isRec(s['secret']))
				w.write(2, `SecretName:\t${clean(s['secret']['name'])}\n    Optional:\t${String(s['secret']['optional'] === true)}\n`);
			else if (isRec(s['downwardAPI'])) w.write(2, 'DownwardAPI:\ttrue\n');
			else if (isRec(s['configMap']))
				w.write(2, `ConfigMapName:\t${clean(s['configMap']['name'])}\n    Optional:\t${String(s['configMap']['optional'] === true)}\n`);
			else if (isRec(s['serviceAccountToken']))
				w.write(2, `TokenExpirationSeconds:\t${int(s['serviceAccountToken']['expirationSeconds'])}\n`);
		}
	} else if (has('csi')) {
		const s = source('csi');
		writeSource(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
			['Driver', clean(s['driver'])],
			['FSType', clean(s['fsType'])],
			['ReadOnly', String(s['readOnly'] === true)],
		]);
		describeCsiAttributes(w, s['volumeAttributes']);
	} else {
		const spec = SIMPLE_SOURCES.find(([key]) => has(key));
		if (!spec) {
			w.write(1, '<unknown>\n');
			return;
		}
		const [key, title, fields] = spec;
		writeSource(
			w,
			title,
			fields.map(([label, field, kind]) => [label, goValue(source(key)[field], kind)] as const),
		);
	}
}

/** describeVolumes: `Volumes:  <none>`, or each volume by name with its source. */
export function describeVolumes(w: Writer, volumes: unknown, space: string): void {
	const list = recs(volumes);
	if (list.length === 0) {
		w.write(0, `${space}Volumes:\t<none>\n`);
		return;
	}
	w.write(0, `${space}Volumes:\n`);
	for (const volume of list) {
		w.write(1, `${space === '' ? '' : ' '}${clean(volume['name'])}:\n`);
		describeSource(w, volume);
	}
}
