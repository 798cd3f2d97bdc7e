import 'reflect-metadata';
import {webcrypto} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

const ALGORITHM = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'} as const;

async function pem(keys: webcrypto.CryptoKeyPair): Promise<string> {
	const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
	return `-----BEGIN PRIVATE KEY-----\n${der.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

/**
 * What `dockerd --tlsverify` and a client need, as the docker docs lay them out: a CA, a server
 * certificate for 127.0.0.1 and a client certificate, both signed by it. Written to `dir` under the
 * names DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem) plus server-cert.pem and server-key.pem.
 */
export async function writeDockerTls(dir: string, caName = 'kview test docker CA'): Promise<void> {
	x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
	const now = Date.now();
	const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const ca = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: '01',
		name: `CN=${caName}`,
		notBefore: new Date(now - 60_000),
		notAfter: new Date(now + 86_400_000),
		keys: caKeys,
		signingAlgorithm: ALGORITHM,
		extensions: [
			new x509.BasicConstraintsExtension(true, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
		],
	});
	const issue = async (serial: string, name: string, usage: x509.ExtendedKeyUsage, server: boolean) => {
		const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
		const cert = await x509.X509CertificateGenerator.create({
			serialNumber: serial,
			subject: `CN=${name}`,
			issuer: ca.subject,
			notBefore: new Date(now - 60_000),
			notAfter: new Date(now + 86_400_000),
			signingKey: caKeys.privateKey,
			publicKey: keys.publicKey,
			signingAlgorithm: ALGORITHM,
			extensions: [
				new x509.ExtendedKeyUsageExtension([usage]),
				...(server ? [new x509.SubjectAlternativeNameExtension([{type: 'ip', value: '127.0.0.1'}])] : []),
			],
		});
		return {cert: cert.toString('pem') + '\n', key: await pem(keys)};
	};
	const server = await issue('02', '127.0.0.1', x509.ExtendedKeyUsage.serverAuth, true);
	const client = await issue('03', 'kview test client', x509.ExtendedKeyUsage.clientAuth, false);
	writeFileSync(path.join(dir, 'ca.pem'), ca.toString('pem') + '\n');
	writeFileSync(path.join(dir, 'server-cert.pem'), server.cert);
	writeFileSync(path.join(dir, 'server-key.pem'), server.key);
	writeFileSync(path.join(dir, 'cert.pem'), client.cert);
	writeFileSync(path.join(dir, 'key.pem'), client.key);
}
