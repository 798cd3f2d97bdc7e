import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseExecPlugin, resolveExecCommand} from '../../../src/sources/kube/execCredential.js';

// A kubeconfig's users[].user.exec checked as kubectl validates it.

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

describe('parseExecPlugin', () => {
	it('reads a full v1 entry', () => {
		const entry = {
			apiVersion: V1,
			command: 'aws',
			args: ['eks', 'get-token', '--cluster-name', 'prod'],
			env: [{name: 'AWS_PROFILE', value: 'ops'}],
			installHint: 'install the AWS CLI',
			provideClusterInfo: true,
			interactiveMode: 'Always',
		};
		expect(parseExecPlugin(entry)).toEqual(entry);
	});

	it('defaults v1beta1 to IfAvailable, no args, no env, no cluster info', () => {
		expect(parseExecPlugin({apiVersion: V1BETA1, command: 'gke-gcloud-auth-plugin'})).toEqual({
			apiVersion: V1BETA1,
			command: 'gke-gcloud-auth-plugin',
			args: [],
			env: [],
			installHint: undefined,
			provideClusterInfo: false,
			interactiveMode: 'IfAvailable',
		});
	});

	it.each([
		[{apiVersion: V1, interactiveMode: 'Never'}, 'exec has no command'],
		[{command: 'aws'}, 'exec aws has no apiVersion'],
		[
			{command: 'aws', apiVersion: 'client.authentication.k8s.io/v1alpha1'},
			'exec aws asks for apiVersion client.authentication.k8s.io/v1alpha1, which kview does not support (use client.authentication.k8s.io/v1 or v1beta1)',
		],
		[{command: 'aws', apiVersion: V1}, `exec aws has no interactiveMode (required for ${V1})`],
		[
			{command: 'aws', apiVersion: V1, interactiveMode: 'Sometimes'},
			'exec aws has an invalid interactiveMode "Sometimes" (use Never, IfAvailable or Always)',
		],
		[{command: 'aws', apiVersion: V1BETA1, env: [{value: 'x'}]}, 'exec aws has an env entry without a name'],
	])('rejects %j: %s', (raw, message) => {
		expect(() => parseExecPlugin(raw)).toThrow(message);
	});
});

describe('resolveExecCommand', () => {
	it('resolves a command with a path in it against the kubeconfig directory, leaving names and absolute paths', () => {
		const dir = path.join(path.sep, 'home', 'me', '.kube');
		expect(resolveExecCommand({command: './bin/login'}, dir)).toEqual({command: path.join(dir, 'bin', 'login')});
		expect(resolveExecCommand({command: 'tools/login', args: ['a']}, dir)).toEqual({
			command: path.join(dir, 'tools', 'login'),
			args: ['a'],
		});
		expect(resolveExecCommand({command: 'aws'}, dir)).toEqual({command: 'aws'});
		expect(resolveExecCommand({command: '/usr/bin/aws'}, dir)).toEqual({command: '/usr/bin/aws'});
	});
});
