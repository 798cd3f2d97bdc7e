import {KubeClient} from './client.js';
import {loadKubeconfig, type KubeconfigOptions} from './kubeconfig.js';
import {KubeSource} from './kubeSource.js';

export {KubeconfigError} from './kubeconfig.js';
export type {KubeSource} from './kubeSource.js';

/** Opens the kubeconfig's context as a source for the given view kinds; throws KubeconfigError with a one-line fix. */
export function openKube(options: KubeconfigOptions, viewKinds: readonly string[]): {source: KubeSource; namespace: string} {
	const loaded = loadKubeconfig(options);
	return {source: new KubeSource(new KubeClient(loaded.kc, loaded.server), loaded.context, viewKinds), namespace: loaded.namespace};
}
