/**
 * The shipped views against the sim's server-side printers, which are ports of
 * kubectl's: for the same object every column kubectl prints (wide ones too) must
 * read the same in kview, header for header and cell for cell.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {loadViews} from '../../src/config/views.js';
import {TableModel} from '../../src/model/table.js';
import {parseFilter} from '../../src/model/filter.js';
import {printers} from '../../src/sim/printers/index.js';
import type {KubeObject} from '../../src/sim/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = Date.parse('2026-11-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const views = loadViews([path.join(ROOT, 'views')]).value;

function object(apiVersion: string, kind: string, name: string, body: Record<string, unknown>, namespace = 'shop'): KubeObject {
	return {
		apiVersion,
		kind,
		metadata: {name, namespace, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: ago(3 * 3_600_000)},
		...body,
	};
}

const containers = [
	{name: 'app', image: 'web:1'},
	{name: 'proxy', image: 'envoy:1.30'},
];
const template = {metadata: {labels: {app: 'web'}}, spec: {containers, nodeSelector: {'kubernetes.io/os': 'linux'}}};

/** Objects per view kind, each as the API server would return it (defaults applied). */
const CASES: readonly [view: string, objects: readonly KubeObject[]][] = [
	[
		'deployments',
		[
			object('apps/v1', 'Deployment', 'web', {
				spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, template},
				status: {replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2},
			}),
			object('apps/v1', 'Deployment', 'new', {spec: {replicas: 1, selector: {matchLabels: {app: 'new'}}, template}, status: {}}),
		],
	],
	[
		'replicasets',
		[
			object('apps/v1', 'ReplicaSet', 'web-abc', {
				spec: {replicas: 2, selector: {matchLabels: {app: 'web', 'pod-template-hash': 'abc'}}, template},
				status: {replicas: 2, readyReplicas: 1},
			}),
			object('apps/v1', 'ReplicaSet', 'web-old', {spec: {replicas: 0, selector: {matchLabels: {app: 'web'}}, template}, status: {}}),
		],
	],
	[
		'statefulsets',
		[
			object('apps/v1', 'StatefulSet', 'db', {
				spec: {replicas: 3, selector: {matchLabels: {app: 'db'}}, template},
				status: {readyReplicas: 1},
			}),
		],
	],
	[
		'daemonsets',
		[
			object('apps/v1', 'DaemonSet', 'agent', {
				spec: {selector: {matchLabels: {app: 'agent'}}, template},
				status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2},
			}),
			object('apps/v1', 'DaemonSet', 'fresh', {
				spec: {selector: {matchLabels: {app: 'fresh'}}, template: {spec: {containers}}},
				status: {},
			}),
		],
	],
	[
		'jobs',
		[
			object('batch/v1', 'Job', 'migrate', {
				spec: {completions: 1, parallelism: 1, selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'uid-migrate'}}, template},
				status: {succeeded: 1, startTime: ago(600_000), completionTime: ago(540_000), conditions: [{type: 'Complete', status: 'True'}]},
			}),
			object('batch/v1', 'Job', 'queue', {
				spec: {parallelism: 3, selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'uid-queue'}}, template},
				status: {startTime: ago(125_000), active: 3},
			}),
		],
	],
	[
		'cronjobs',
		[
			object('batch/v1', 'CronJob', 'nightly', {
				spec: {schedule: '0 3 * * *', suspend: false, jobTemplate: {spec: {template}}},
				status: {active: [{name: 'nightly-1'}], lastScheduleTime: ago(3_600_000)},
			}),
			object('batch/v1', 'CronJob', 'paused', {
				spec: {schedule: '*/5 * * * *', timeZone: 'Europe/Paris', suspend: true, jobTemplate: {spec: {template}}},
				status: {},
			}),
		],
	],
	['configmaps', [object('v1', 'ConfigMap', 'settings', {data: {a: '1', b: '2'}, binaryData: {c: 'AA=='}})]],
	[
		'secrets',
		[
			object('v1', 'Secret', 'creds', {type: 'kubernetes.io/basic-auth', data: {username: 'YQ==', password: 'Yg=='}}),
			object('v1', 'Secret', 'empty', {type: 'Opaque'}),
		],
	],
	[
		'ingresses',
		[
			object('networking.k8s.io/v1', 'Ingress', 'shop', {
				spec: {ingressClassName: 'nginx', rules: [{host: 'a.example.com'}, {host: 'b.example.com'}], tls: [{hosts: ['a.example.com']}]},
				status: {loadBalancer: {ingress: [{ip: '192.168.49.100'}]}},
			}),
			object('networking.k8s.io/v1', 'Ingress', 'bare', {spec: {rules: [{http: {paths: []}}]}, status: {}}),
		],
	],
	[
		'persistentvolumeclaims',
		[
			object('v1', 'PersistentVolumeClaim', 'data', {
				spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeName: 'pv-1', volumeMode: 'Filesystem'},
				status: {phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: {storage: '10Gi'}},
			}),
			object('v1', 'PersistentVolumeClaim', 'waiting', {
				spec: {accessModes: ['ReadWriteMany'], storageClassName: 'nfs', volumeMode: 'Filesystem'},
				status: {phase: 'Pending'},
			}),
		],
	],
	[
		'persistentvolumes',
		[
			{
				...object('v1', 'PersistentVolume', 'pv-1', {
					spec: {
						capacity: {storage: '10Gi'},
						accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
						persistentVolumeReclaimPolicy: 'Delete',
						storageClassName: 'standard',
						claimRef: {namespace: 'shop', name: 'data'},
						volumeMode: 'Block',
					},
					status: {phase: 'Bound'},
				}),
				metadata: {name: 'pv-1', uid: 'u', resourceVersion: '1', creationTimestamp: ago(60_000)},
			},
		],
	],
	['serviceaccounts', [object('v1', 'ServiceAccount', 'deployer', {})]],
	[
		'endpoints',
		[
			object('v1', 'Endpoints', 'web', {
				subsets: [{addresses: [{ip: '10.0.0.1'}, {ip: '10.0.0.2'}], ports: [{port: 80}, {port: 443}]}],
			}),
			object('v1', 'Endpoints', 'none', {}),
		],
	],
	[
		'endpointslices',
		[
			object('discovery.k8s.io/v1', 'EndpointSlice', 'web-x1', {
				addressType: 'IPv4',
				ports: [{port: 80}, {name: 'https', port: 443}],
				endpoints: [{addresses: ['10.0.0.1']}, {addresses: ['10.0.0.2']}],
			}),
		],
	],
	[
		'horizontalpodautoscalers',
		[
			object('autoscaling/v2', 'HorizontalPodAutoscaler', 'api', {
				spec: {
					scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'api'},
					minReplicas: 2,
					maxReplicas: 10,
					metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 70}}}],
				},
				status: {currentReplicas: 2, currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 23}}}]},
			}),
		],
	],
	[
		'nodes',
		[
			{
				...object('v1', 'Node', 'node-1', {
					spec: {unschedulable: true},
					status: {
						conditions: [{type: 'Ready', status: 'True'}],
						addresses: [
							{type: 'Hostname', address: 'node-1'},
							{type: 'InternalIP', address: '10.0.0.5'},
						],
						nodeInfo: {
							kubeletVersion: 'v1.35.0',
							osImage: 'Debian GNU/Linux 13',
							kernelVersion: '6.12.0',
							containerRuntimeVersion: 'containerd://2.1.0',
						},
					},
				}),
				metadata: {
					name: 'node-1',
					uid: 'n',
					resourceVersion: '1',
					creationTimestamp: ago(86_400_000),
					labels: {'node-role.kubernetes.io/control-plane': ''},
				},
			},
		],
	],
	[
		'services',
		[
			object('v1', 'Service', 'web', {
				spec: {
					type: 'NodePort',
					clusterIP: '10.96.0.10',
					clusterIPs: ['10.96.0.10'],
					ports: [{port: 80, nodePort: 30080, protocol: 'TCP'}],
					selector: {tier: 'fe', app: 'web'},
				},
			}),
		],
	],
	['leases', [object('coordination.k8s.io/v1', 'Lease', 'node-1', {spec: {holderIdentity: 'node-1'}})]],
	['roles', [object('rbac.authorization.k8s.io/v1', 'Role', 'deployer', {rules: []})]],
	[
		'rolebindings',
		[
			object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'ci', {
				roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer'},
				subjects: [
					{kind: 'User', name: 'ann'},
					{kind: 'Group', name: 'ops'},
					{kind: 'ServiceAccount', namespace: 'ci', name: 'bot'},
				],
			}),
		],
	],
	[
		'events',
		[
			object('v1', 'Event', 'web-1.abc', {
				involvedObject: {kind: 'Pod', name: 'web-1', namespace: 'shop', fieldPath: 'spec.containers{app}'},
				reason: 'BackOff',
				message: 'Back-off restarting failed container',
				type: 'Warning',
				source: {component: 'kubelet', host: 'node-1'},
				firstTimestamp: ago(600_000),
				lastTimestamp: ago(30_000),
				count: 12,
			}),
		],
	],
];

/** kubectl's column name as kview's header. */
const header = (name: string) => name.toUpperCase();

describe('shipped views read as kubectl prints', () => {
	it.each(CASES)('%s', (kind, objects) => {
		const view = views.get(kind);
		if (!view) throw new Error(`no view ${kind}`);
		const first = objects[0];
		if (!first) throw new Error('no objects');
		const printer = printers.get(first.kind);
		if (!printer) throw new Error(`no printer for ${first.kind}`);
		const model = new TableModel(view, {wide: true, allNamespaces: false}, () => NOW);
		// Every column kubectl prints, wide ones included, is in the view (kview may add more, e.g. LABELS).
		const headers = model.columns.map((c) => c.header);
		for (const column of printer.columns) expect(headers, `${kind} lacks ${column.name}`).toContain(header(column.name));
		const rows = model.build(new Map(objects.map((o) => [o.metadata.name, o])), 1, {column: 0, descending: false}, parseFilter('')).rows;
		for (const o of objects) {
			const row = rows.find((r) => r.key === o.metadata.name);
			const want = printer.cells(o, NOW).map((c) => String(c));
			const got = printer.columns.map((column) => row?.cells[headers.indexOf(header(column.name))]);
			expect(got, `${kind}/${o.metadata.name}`).toEqual(want);
		}
	});
});
