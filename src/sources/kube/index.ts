import {KubeClient} from './client.js';
import {primeCredentials} from './execCredential.js';
import {loadKubeconfig, type KubeconfigOptions} from './kubeconfig.js';
import {KubeSource} from './kubeSource.js';
import {DEFAULT_TIMING} from './reflector.js';

export {KubeconfigError} from './kubeconfig.js';
export {ExecCredentialError, onExecPluginMessage} from './execCredential.js';
export type {KubeSource} from './kubeSource.js';

/** A kubeconfig context opened as a source. */
export type OpenedKube = {
	readonly source: KubeSource;
	/** The context's namespace, or `default`. */
	readonly namespace: string;
	/** Every context of the kubeconfig, for `:ctx` completion. */
	readonly contexts: readonly string[];
	/**
	 * Runs the context's exec credential plugin now, if it has one, on kview's terminal
	 * when `interactive` (before the UI takes it), so a login prompt can be answered.
	 */
	readonly primeCredentials: (interactive: boolean) => Promise<void>;
};

/** Opens the kubeconfig's context as a source for the given view kinds; throws KubeconfigError with a one-line fix. */
export function openKube(options: KubeconfigOptions, viewKinds: readonly string[]): OpenedKube {
	const loaded = loadKubeconfig(options);
	// As `kubectl config get-contexts` lists them, the one opened marked current.
	const rows = loaded.kc.getContexts().map(
		(c) =>
			[
				c.name,
				{
					metadata: {name: c.name},
					spec: {cluster: c.cluster, user: c.user, ...(c.namespace ? {namespace: c.namespace} : {})},
					status: {current: c.name === loaded.context ? '*' : ''},
				},
			] as const,
	);
	const client = new KubeClient(loaded.kc, loaded.server);
	return {
		source: new KubeSource(client, loaded.context, viewKinds, DEFAULT_TIMING, rows),
		namespace: loaded.namespace,
		contexts: rows.map(([name]) => name),
		primeCredentials: (interactive) => primeCredentials(loaded, {interactive}),
	};
}
