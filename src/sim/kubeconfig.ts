import {stringify} from 'yaml';

/** The context names the sim's kubeconfig carries. */
export const SIM_CONTEXT = 'kview-sim';
export const SIM_RESTRICTED_CONTEXT = 'kview-sim-restricted';

/**
 * A kubeconfig for the sim: one cluster (its CA inline), an admin user and a
 * restricted user who is forbidden from secrets and nodes, a context for each.
 */
export function simKubeconfig(server: string, caCert: string, adminToken: string, restrictedToken: string): string {
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: SIM_CONTEXT, cluster: {server, 'certificate-authority-data': Buffer.from(caCert).toString('base64')}}],
		users: [
			{name: 'kview-admin', user: {token: adminToken}},
			{name: 'kview-restricted', user: {token: restrictedToken}},
		],
		contexts: [
			{name: SIM_CONTEXT, context: {cluster: SIM_CONTEXT, user: 'kview-admin'}},
			{name: SIM_RESTRICTED_CONTEXT, context: {cluster: SIM_CONTEXT, user: 'kview-restricted'}},
		],
		'current-context': SIM_CONTEXT,
		preferences: {},
	});
}
