// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import {webcrypto} from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** PEM-encoded material for the sim's HTTPS server and the kubeconfig it writes. */
export type SimCertificates = {
	/** The self-signed CA, for `certificate-authority-data`. */
	readonly caCert: string;
	readonly serverCert: string;
	readonly serverKey: string;
};

const ALGORITHM = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'} as const;

function pem(label: string, der: ArrayBuffer): string {
	const base64 = Buffer.from(der).toString('base64');
	return `-----BEGIN ${label}-----\n${base64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/**
 * Makes a fresh CA and a server certificate for 127.0.0.1/localhost, valid for a
 * year. kubectl sends bearer tokens only over TLS and client-node refuses plain
 * http, so the sim speaks HTTPS like a real API server.
 */
export async function generateCertificates(): Promise<SimCertificates> {
	x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
	const notBefore = new Date(Date.now() - 60_000);
	const notAfter = new Date(Date.now() + 365 * 86_400_000);
	const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const ca = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: '01',
		name: 'CN=kview-sim-ca',
		notBefore,
		notAfter,
		keys: caKeys,
		signingAlgorithm: ALGORITHM,
		extensions: [
			new x509.BasicConstraintsExtension(true, 0, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
		],
	});
	const serverKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const server = await x509.X509CertificateGenerator.create({
		serialNumber: '02',
		subject: 'CN=kview-sim',
		issuer: ca.subject,
		notBefore,
		notAfter,
		publicKey: serverKeys.publicKey,
		signingKey: caKeys.privateKey,
		signingAlgorithm: ALGORITHM,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension([
				{type: 'ip', value: '127.0.0.1'},
				{type: 'dns', value: 'localhost'},
			]),
		],
	});
	const key = await webcrypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
	return {caCert: ca.toString('pem') + '\n', serverCert: server.toString('pem') + '\n', serverKey: pem('PRIVATE KEY', key)};
}
