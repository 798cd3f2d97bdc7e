import 'reflect-metadata';
import {webcrypto} from 'node:crypto';
import * as x509 from '@peculiar/x509';

const ALGORITHM = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'} as const;

/**
 * A self-signed certificate for 127.0.0.1 under a name of its own (the sim's CA and
 * server certificates share one subject across sims, so two of them cannot be told
 * apart in one trust list): for a test's TLS server, trusted by listing `cert` as a CA.
 */
export async function selfSigned(name: string): Promise<{cert: string; key: string}> {
	x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
	const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const cert = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: '01',
		name: `CN=${name}`,
		notBefore: new Date(Date.now() - 60_000),
		notAfter: new Date(Date.now() + 86_400_000),
		keys,
		signingAlgorithm: ALGORITHM,
		extensions: [
			new x509.BasicConstraintsExtension(true, undefined, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension([{type: 'ip', value: '127.0.0.1'}]),
		],
	});
	const key = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
	return {
		cert: cert.toString('pem') + '\n',
		key: `-----BEGIN PRIVATE KEY-----\n${key.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`,
	};
}
