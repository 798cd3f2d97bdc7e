/**
 * Server-side Table printers: what `kubectl get <kind>` (and `-o wide`) prints comes
 * from these, column for column and cell for cell as Kubernetes' own printers
 * (pkg/printers/internalversion) write them. The API server always prints wide, so
 * every printer returns all its cells and kubectl drops the priority-1 columns itself.
 */
import type {Printer} from '../types.js';
import {horizontalPodAutoscalerPrinter} from './autoscaling.js';
import {configMapPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter} from './core.js';
import {leasePrinter} from './coordination.js';
import {crdPrinter, defaultPrinter} from './custom.js';
import {eventPrinter} from './events.js';
import {endpointSlicePrinter, endpointsPrinter, ingressPrinter, servicePrinter} from './networking.js';
import {podPrinter} from './pod.js';
import {clusterRoleBindingPrinter, roleBindingPrinter} from './rbac.js';
import {persistentVolumeClaimPrinter, persistentVolumePrinter} from './storage.js';
import {cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter} from './workloads.js';

export {crdPrinter, defaultPrinter};
export {canonicalQuantity} from '../../model/quantity.js';

/** Printers by Kind. Role, ClusterRole and CustomResourceDefinition have none upstream either: they print Name / Created At. */
export const printers: ReadonlyMap<string, Printer> = new Map<string, Printer>([
	['Namespace', namespacePrinter],
	['Node', nodePrinter],
	['Pod', podPrinter],
	['Deployment', deploymentPrinter],
	['ReplicaSet', replicaSetPrinter],
	['StatefulSet', statefulSetPrinter],
	['DaemonSet', daemonSetPrinter],
	['Job', jobPrinter],
	['CronJob', cronJobPrinter],
	['Service', servicePrinter],
	['Endpoints', endpointsPrinter],
	['EndpointSlice', endpointSlicePrinter],
	['Ingress', ingressPrinter],
	['ConfigMap', configMapPrinter],
	['Secret', secretPrinter],
	['PersistentVolume', persistentVolumePrinter],
	['PersistentVolumeClaim', persistentVolumeClaimPrinter],
	['ServiceAccount', serviceAccountPrinter],
	['Role', defaultPrinter],
	['RoleBinding', roleBindingPrinter],
	['ClusterRole', defaultPrinter],
	['ClusterRoleBinding', clusterRoleBindingPrinter],
	['HorizontalPodAutoscaler', horizontalPodAutoscalerPrinter],
	['Event', eventPrinter],
	['CustomResourceDefinition', defaultPrinter],
	['Lease', leasePrinter],
]);
