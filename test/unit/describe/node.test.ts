import {describe, expect, it} from 'vitest';
import {describeLines} from '../../../src/model/describe.js';
import {LEASE, NODE, NODE_PODS, NOW, UTC} from './fixtures.js';

describe('describe node', () => {
	it('prints a node with its lease, its non-terminated pods and what they ask for', () => {
		expect(describeLines(NODE, [], NOW, false, {pods: NODE_PODS, lease: LEASE}, UTC)).toEqual([
			'Name:               node-1',
			'Roles:              edge,gpu,worker',
			'Labels:             kubernetes.io/hostname=node-1',
			'                    kubernetes.io/role=edge',
			'                    node-role.kubernetes.io/gpu=',
			'                    node-role.kubernetes.io/worker=',
			'Annotations:        node.alpha.kubernetes.io/ttl: 0',
			'CreationTimestamp:  Thu, 22 Oct 2026 12:00:00 +0000',
			'Taints:             node.kubernetes.io/unschedulable:NoSchedule',
			'Unschedulable:      true',
			'Lease:',
			'  HolderIdentity:  node-1',
			'  AcquireTime:     <unset>',
			'  RenewTime:       Sun, 01 Nov 2026 11:59:50 +0000',
			'Conditions:',
			'  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
			'  ----             ------  -----------------                 ------------------                ------                       -------',
			'  MemoryPressure   False   Sun, 01 Nov 2026 11:59:30 +0000   Thu, 22 Oct 2026 12:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available',
			'  Ready            True    Sun, 01 Nov 2026 11:59:30 +0000   Thu, 22 Oct 2026 12:00:00 +0000   KubeletReady                 kubelet is posting ready status',
			'Addresses:',
			'  InternalIP:  192.168.1.10',
			'  Hostname:    node-1',
			'Capacity:',
			'  cpu:                8',
			'  ephemeral-storage:  100Gi',
			'  hugepages-2Mi:      1Gi',
			'  memory:             32Gi',
			'  nvidia.com/gpu:     2',
			'  pods:               110',
			'Allocatable:',
			'  cpu:                7800m',
			'  ephemeral-storage:  95Gi',
			'  hugepages-2Mi:      1Gi',
			'  memory:             31Gi',
			'  nvidia.com/gpu:     2',
			'  pods:               110',
			'System Info:',
			'  Machine ID:                 m-1',
			'  System UUID:                u-1',
			'  Boot ID:                    b-1',
			'  Kernel Version:             6.1.0',
			'  OS Image:                   Debian GNU/Linux 12 (bookworm)',
			'  Operating System:           linux',
			'  Architecture:               amd64',
			'  Container Runtime Version:  containerd://1.7.24',
			'  Kubelet Version:            v1.35.0',
			'  Kube-Proxy Version:         v1.35.0',
			'PodCIDR:                      10.244.1.0/24',
			'PodCIDRs:                     10.244.1.0/24,fd00:1::/64',
			'ProviderID:                   kind://docker/node-1',
			'Non-terminated Pods:          (2 in total)',
			'  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
			'  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
			'  kube-system                 proxy    100m (1%)     0 (0%)      64Mi (0%)        0 (0%)         120m',
			'  shop                        web-1    250m (3%)     1 (12%)     256Mi (0%)       512Mi (1%)     120m',
			'Allocated resources:',
			'  (Total limits may be over 100 percent, i.e., overcommitted.)',
			'  Resource           Requests     Limits',
			'  --------           --------     ------',
			'  cpu                350m (4%)    1 (12%)',
			'  memory             320Mi (1%)   512Mi (1%)',
			'  ephemeral-storage  0 (0%)       0 (0%)',
			'  hugepages-2Mi      512Mi (50%)  0 (0%)',
			'  nvidia.com/gpu     0            1',
			'Events:              <none>',
		]);
	});

	it('leaves out the lease and the pod tables when they were not given', () => {
		const lines = describeLines(NODE, [], NOW, false, {}, UTC);
		expect(lines.some((l) => l.startsWith('Lease:'))).toBe(false);
		expect(lines.some((l) => l.startsWith('Non-terminated Pods:'))).toBe(false);
		expect(lines.some((l) => l.startsWith('Allocated resources:'))).toBe(false);
		expect(lines.at(-1)).toBe('Events:                       <none>');
	});

	it('writes <none> roles and taints, and <unset> for a lease without a holder', () => {
		const node = {kind: 'Node', metadata: {name: 'bare', creationTimestamp: NODE.metadata.creationTimestamp}, spec: {}, status: {}};
		const lines = describeLines(node, [], NOW, false, {lease: {spec: {}}, pods: []}, UTC);
		expect(lines.slice(0, 12)).toEqual([
			'Name:               bare',
			'Roles:              <none>',
			'Labels:             <none>',
			'Annotations:        <none>',
			'CreationTimestamp:  Thu, 22 Oct 2026 12:00:00 +0000',
			'Taints:             <none>',
			'Unschedulable:      false',
			'Lease:',
			'  HolderIdentity:  <unset>',
			'  AcquireTime:     <unset>',
			'  RenewTime:       <unset>',
			'Addresses:',
		]);
		expect(lines).toContain('Non-terminated Pods:          (0 in total)');
	});
});
