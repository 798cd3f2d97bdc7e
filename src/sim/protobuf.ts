import {ApiError} from './errors.js';

/**
 * Decodes the Kubernetes protobuf encoding (application/vnd.kubernetes.protobuf) of
 * the kinds kubectl's typed clients send: `kubectl create namespace|configmap|secret|
 * deployment|job|cronjob|serviceaccount|role|...` and `kubectl auth can-i|whoami`.
 * client-go retries a refused protobuf body as JSON only for CBOR, so a server that
 * does not read protobuf breaks these commands. The envelope is the magic `k8s\0` and
 * a runtime.Unknown {typeMeta, raw}; `raw` is the object's message, decoded here by the
 * field numbers of k8s.io/api's generated.proto into the JSON the API would accept.
 * Go's protobuf writes every non-pointer field, set or not, so zero values of such
 * fields are dropped as JSON's omitempty drops them; pointer fields (`p`) keep zeros.
 */

/** A field: name, type, and flags (`r` repeated, `p` pointer: a zero value is kept). */
type Field = readonly [name: string, type: string, flags?: string];
type Schema = Readonly<Record<number, Field>>;

const S: Record<string, Schema> = {
	Time: {1: ['seconds', 'i'], 2: ['nanos', 'i']},
	ObjectMeta: {
		1: ['name', 's'],
		2: ['generateName', 's'],
		3: ['namespace', 's'],
		4: ['selfLink', 's'],
		5: ['uid', 's'],
		6: ['resourceVersion', 's'],
		7: ['generation', 'i'],
		8: ['creationTimestamp', 't'],
		9: ['deletionTimestamp', 't', 'p'],
		10: ['deletionGracePeriodSeconds', 'i', 'p'],
		11: ['labels', 'M:s'],
		12: ['annotations', 'M:s'],
		13: ['ownerReferences', 'm:OwnerReference', 'r'],
		14: ['finalizers', 's', 'r'],
	},
	OwnerReference: {
		1: ['kind', 's'],
		3: ['name', 's'],
		4: ['uid', 's'],
		5: ['apiVersion', 's'],
		6: ['controller', 'B', 'p'],
		7: ['blockOwnerDeletion', 'B', 'p'],
	},
	LabelSelector: {1: ['matchLabels', 'M:s'], 2: ['matchExpressions', 'm:LabelSelectorRequirement', 'r']},
	LabelSelectorRequirement: {1: ['key', 's'], 2: ['operator', 's'], 3: ['values', 's', 'r']},
	Namespace: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:NamespaceSpec'], 3: ['status', 'status']},
	NamespaceSpec: {1: ['finalizers', 's', 'r']},
	ConfigMap: {1: ['metadata', 'm:ObjectMeta'], 2: ['data', 'M:s'], 3: ['binaryData', 'M:b'], 4: ['immutable', 'B', 'p']},
	Secret: {1: ['metadata', 'm:ObjectMeta'], 2: ['data', 'M:b'], 3: ['type', 's'], 4: ['stringData', 'M:s'], 5: ['immutable', 'B', 'p']},
	ServiceAccount: {
		1: ['metadata', 'm:ObjectMeta'],
		2: ['secrets', 'm:ObjectReference', 'r'],
		3: ['imagePullSecrets', 'm:LocalObjectReference', 'r'],
		4: ['automountServiceAccountToken', 'B', 'p'],
	},
	ObjectReference: {
		1: ['kind', 's'],
		2: ['namespace', 's'],
		3: ['name', 's'],
		4: ['uid', 's'],
		5: ['apiVersion', 's'],
		6: ['resourceVersion', 's'],
		7: ['fieldPath', 's'],
	},
	LocalObjectReference: {1: ['name', 's']},
	Deployment: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:DeploymentSpec'], 3: ['status', 'status']},
	DeploymentSpec: {
		1: ['replicas', 'i', 'p'],
		2: ['selector', 'm:LabelSelector', 'p'],
		3: ['template', 'm:PodTemplateSpec'],
		4: ['strategy', 'm:DeploymentStrategy'],
		5: ['minReadySeconds', 'i'],
		6: ['revisionHistoryLimit', 'i', 'p'],
		7: ['paused', 'B'],
		9: ['progressDeadlineSeconds', 'i', 'p'],
	},
	DeploymentStrategy: {1: ['type', 's'], 2: ['rollingUpdate', 'm:RollingUpdateDeployment', 'p']},
	RollingUpdateDeployment: {1: ['maxUnavailable', 'x', 'p'], 2: ['maxSurge', 'x', 'p']},
	PodTemplateSpec: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:PodSpec']},
	PodSpec: {
		2: ['containers', 'm:Container', 'r'],
		3: ['restartPolicy', 's'],
		4: ['terminationGracePeriodSeconds', 'i', 'p'],
		5: ['activeDeadlineSeconds', 'i', 'p'],
		6: ['dnsPolicy', 's'],
		7: ['nodeSelector', 'M:s'],
		8: ['serviceAccountName', 's'],
		9: ['serviceAccount', 's'],
		10: ['nodeName', 's'],
		11: ['hostNetwork', 'B'],
		12: ['hostPID', 'B'],
		13: ['hostIPC', 'B'],
		15: ['imagePullSecrets', 'm:LocalObjectReference', 'r'],
		16: ['hostname', 's'],
		17: ['subdomain', 's'],
		19: ['schedulerName', 's'],
		20: ['initContainers', 'm:Container', 'r'],
		21: ['automountServiceAccountToken', 'B', 'p'],
		24: ['priorityClassName', 's'],
		25: ['priority', 'i', 'p'],
		27: ['shareProcessNamespace', 'B', 'p'],
		30: ['enableServiceLinks', 'B', 'p'],
	},
	Container: {
		1: ['name', 's'],
		2: ['image', 's'],
		3: ['command', 's', 'r'],
		4: ['args', 's', 'r'],
		5: ['workingDir', 's'],
		6: ['ports', 'm:ContainerPort', 'r'],
		7: ['env', 'm:EnvVar', 'r'],
		8: ['resources', 'm:ResourceRequirements'],
		13: ['terminationMessagePath', 's'],
		14: ['imagePullPolicy', 's'],
		16: ['stdin', 'B'],
		17: ['stdinOnce', 'B'],
		18: ['tty', 'B'],
		20: ['terminationMessagePolicy', 's'],
	},
	ContainerPort: {1: ['name', 's'], 2: ['hostPort', 'i'], 3: ['containerPort', 'i', 'p'], 4: ['protocol', 's'], 5: ['hostIP', 's']},
	EnvVar: {1: ['name', 's'], 2: ['value', 's']},
	ResourceRequirements: {1: ['limits', 'M:q'], 2: ['requests', 'M:q']},
	Job: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:JobSpec'], 3: ['status', 'status']},
	JobSpec: {
		1: ['parallelism', 'i', 'p'],
		2: ['completions', 'i', 'p'],
		3: ['activeDeadlineSeconds', 'i', 'p'],
		4: ['selector', 'm:LabelSelector', 'p'],
		5: ['manualSelector', 'B', 'p'],
		6: ['template', 'm:PodTemplateSpec'],
		7: ['backoffLimit', 'i', 'p'],
		8: ['ttlSecondsAfterFinished', 'i', 'p'],
		9: ['completionMode', 's', 'p'],
		10: ['suspend', 'B', 'p'],
	},
	CronJob: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:CronJobSpec'], 3: ['status', 'status']},
	CronJobSpec: {
		1: ['schedule', 's'],
		2: ['startingDeadlineSeconds', 'i', 'p'],
		3: ['concurrencyPolicy', 's'],
		4: ['suspend', 'B', 'p'],
		5: ['jobTemplate', 'm:JobTemplateSpec'],
		6: ['successfulJobsHistoryLimit', 'i', 'p'],
		7: ['failedJobsHistoryLimit', 'i', 'p'],
		8: ['timeZone', 's', 'p'],
	},
	JobTemplateSpec: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:JobSpec']},
	Role: {1: ['metadata', 'm:ObjectMeta'], 2: ['rules', 'm:PolicyRule', 'r']},
	ClusterRole: {1: ['metadata', 'm:ObjectMeta'], 2: ['rules', 'm:PolicyRule', 'r'], 3: ['aggregationRule', 'm:AggregationRule', 'p']},
	AggregationRule: {1: ['clusterRoleSelectors', 'm:LabelSelector', 'r']},
	PolicyRule: {
		1: ['verbs', 's', 'r'],
		2: ['apiGroups', 's', 'r'],
		3: ['resources', 's', 'r'],
		4: ['resourceNames', 's', 'r'],
		5: ['nonResourceURLs', 's', 'r'],
	},
	RoleBinding: {1: ['metadata', 'm:ObjectMeta'], 2: ['subjects', 'm:Subject', 'r'], 3: ['roleRef', 'm:RoleRef']},
	ClusterRoleBinding: {1: ['metadata', 'm:ObjectMeta'], 2: ['subjects', 'm:Subject', 'r'], 3: ['roleRef', 'm:RoleRef']},
	Subject: {1: ['kind', 's'], 2: ['apiGroup', 's'], 3: ['name', 's'], 4: ['namespace', 's']},
	RoleRef: {1: ['apiGroup', 's'], 2: ['kind', 's'], 3: ['name', 's']},
	Service: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:ServiceSpec'], 3: ['status', 'status']},
	ServiceSpec: {
		1: ['ports', 'm:ServicePort', 'r'],
		2: ['selector', 'M:s'],
		3: ['clusterIP', 's'],
		4: ['type', 's'],
		5: ['externalIPs', 's', 'r'],
		7: ['sessionAffinity', 's'],
		8: ['loadBalancerIP', 's'],
		9: ['loadBalancerSourceRanges', 's', 'r'],
		10: ['externalName', 's'],
		11: ['externalTrafficPolicy', 's'],
		12: ['healthCheckNodePort', 'i'],
		13: ['publishNotReadyAddresses', 'B'],
		17: ['ipFamilyPolicy', 's', 'p'],
		18: ['clusterIPs', 's', 'r'],
		19: ['ipFamilies', 's', 'r'],
		20: ['allocateLoadBalancerNodePorts', 'B', 'p'],
		21: ['loadBalancerClass', 's', 'p'],
		22: ['internalTrafficPolicy', 's', 'p'],
	},
	ServicePort: {
		1: ['name', 's'],
		2: ['protocol', 's'],
		3: ['port', 'i', 'p'],
		4: ['targetPort', 'x'],
		5: ['nodePort', 'i'],
		6: ['appProtocol', 's', 'p'],
	},
	SelfSubjectAccessReview: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:SelfSubjectAccessReviewSpec'], 3: ['status', 'status']},
	SelfSubjectAccessReviewSpec: {
		1: ['resourceAttributes', 'm:ResourceAttributes', 'p'],
		2: ['nonResourceAttributes', 'm:NonResourceAttributes', 'p'],
	},
	ResourceAttributes: {
		1: ['namespace', 's'],
		2: ['verb', 's'],
		3: ['group', 's'],
		4: ['version', 's'],
		5: ['resource', 's'],
		6: ['subresource', 's'],
		7: ['name', 's'],
	},
	NonResourceAttributes: {1: ['path', 's'], 2: ['verb', 's']},
	SelfSubjectRulesReview: {1: ['metadata', 'm:ObjectMeta'], 2: ['spec', 'm:SelfSubjectRulesReviewSpec'], 3: ['status', 'status']},
	SelfSubjectRulesReviewSpec: {1: ['namespace', 's']},
	SelfSubjectReview: {1: ['metadata', 'm:ObjectMeta'], 2: ['status', 'status']},
};

class Reader {
	pos = 0;
	constructor(readonly buf: Buffer) {}

	get done(): boolean {
		return this.pos >= this.buf.length;
	}

	varint(): bigint {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			if (this.pos >= this.buf.length) throw malformed('truncated varint');
			const byte = this.buf[this.pos++] ?? 0;
			result |= BigInt(byte & 0x7f) << shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7n;
			if (shift > 63n) throw malformed('varint too long');
		}
	}

	bytes(): Buffer {
		const length = Number(this.varint());
		if (this.pos + length > this.buf.length) throw malformed('truncated field');
		const out = this.buf.subarray(this.pos, this.pos + length);
		this.pos += length;
		return out;
	}

	skip(wireType: number): void {
		if (wireType === 0) this.varint();
		else if (wireType === 1) this.pos += 8;
		else if (wireType === 2) this.bytes();
		else if (wireType === 5) this.pos += 4;
		else throw malformed(`unsupported wire type ${wireType}`);
	}
}

function malformed(detail: string): ApiError {
	return new ApiError(400, 'BadRequest', `the body of the request was in an unknown format: protobuf: ${detail}`);
}

/** int64 and int32 are two's complement varints. */
function signed(value: bigint): number {
	return Number(BigInt.asIntN(64, value));
}

function isZero(value: unknown): boolean {
	return value === '' || value === 0 || value === false;
}

/** Reads the fields of one message by its schema; status subtrees (reset by the server on create) are skipped. */
function decodeMessage(buf: Buffer, type: string): Record<string, unknown> {
	const schema = S[type];
	if (!schema) throw new ApiError(415, 'UnsupportedMediaType', `the sim cannot decode the protobuf message ${type}; send application/json`);
	const out: Record<string, unknown> = {};
	const reader = new Reader(buf);
	while (!reader.done) {
		const tag = Number(reader.varint());
		const number = tag >>> 3;
		const wireType = tag & 7;
		const field = schema[number];
		if (!field) {
			throw new ApiError(
				415,
				'UnsupportedMediaType',
				`the sim cannot decode field ${number} of the protobuf message ${type}; send the object as application/json`,
			);
		}
		const [name, fieldType, flags = ''] = field;
		if (fieldType === 'status') {
			reader.skip(wireType);
			out[name] = {};
			continue;
		}
		const value = decodeValue(reader, fieldType, wireType);
		if (flags.includes('r')) {
			const list = (out[name] as unknown[] | undefined) ?? [];
			list.push(value);
			out[name] = list;
		} else if (fieldType.startsWith('M:')) {
			const [key, entry] = value as [string, unknown];
			out[name] = {...(out[name] as Record<string, unknown> | undefined), [key]: entry};
		} else if (!isZero(value) || flags.includes('p')) out[name] = value;
	}
	return out;
}

function decodeValue(reader: Reader, type: string, wireType: number): unknown {
	switch (type) {
		case 's':
			return reader.bytes().toString('utf8');
		case 'b':
			return reader.bytes().toString('base64');
		case 'i':
			return signed(reader.varint());
		case 'B':
			return reader.varint() !== 0n;
		case 't': {
			const time = decodeMessage(reader.bytes(), 'Time');
			const seconds = Number(time['seconds'] ?? 0);
			// Go writes its zero time (unset) as an empty message: JSON null.
			if (seconds === 0 && Number(time['nanos'] ?? 0) === 0) return null;
			return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
		}
		case 'q':
			return quantity(reader.bytes());
		case 'x': {
			const r = new Reader(reader.bytes());
			let kind = 0;
			let int = 0;
			let str = '';
			while (!r.done) {
				const tag = Number(r.varint());
				if (tag >>> 3 === 1) kind = signed(r.varint());
				else if (tag >>> 3 === 2) int = signed(r.varint());
				else if (tag >>> 3 === 3) str = r.bytes().toString('utf8');
				else r.skip(tag & 7);
			}
			return kind === 1 ? str : int;
		}
		default:
			if (type.startsWith('m:')) return decodeMessage(reader.bytes(), type.slice(2));
			if (type.startsWith('M:')) return mapEntry(reader.bytes(), type.slice(2));
			reader.skip(wireType);
			return undefined;
	}
}

function quantity(buf: Buffer): string {
	const r = new Reader(buf);
	let text = '';
	while (!r.done) {
		const tag = Number(r.varint());
		if (tag >>> 3 === 1) text = r.bytes().toString('utf8');
		else r.skip(tag & 7);
	}
	return text;
}

function mapEntry(buf: Buffer, valueType: string): [string, unknown] {
	const r = new Reader(buf);
	let key = '';
	let value: unknown = valueType === 'b' ? '' : '';
	while (!r.done) {
		const tag = Number(r.varint());
		if (tag >>> 3 === 1) key = r.bytes().toString('utf8');
		else if (tag >>> 3 === 2) value = valueType === 'q' ? quantity(r.bytes()) : decodeValue(r, valueType, tag & 7);
		else r.skip(tag & 7);
	}
	return [key, value];
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The JSON object a protobuf request body encodes (apiVersion and kind from its envelope). */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
	if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw malformed('missing the k8s protobuf magic number');
	const envelope = new Reader(body.subarray(4));
	let apiVersion = '';
	let kind = '';
	let raw: Buffer | undefined;
	while (!envelope.done) {
		const tag = Number(envelope.varint());
		const number = tag >>> 3;
		if (number === 1) {
			const meta = new Reader(envelope.bytes());
			while (!meta.done) {
				const t = Number(meta.varint());
				if (t >>> 3 === 1) apiVersion = meta.bytes().toString('utf8');
				else if (t >>> 3 === 2) kind = meta.bytes().toString('utf8');
				else meta.skip(t & 7);
			}
		} else if (number === 2) raw = envelope.bytes();
		else envelope.skip(tag & 7);
	}
	if (!raw || !kind) throw malformed('the envelope carries no object');
	return {apiVersion, kind, ...decodeMessage(raw, kind)};
}
