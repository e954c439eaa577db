import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JwtOptions } from '../../platform/access/jwt';

/**
 * A stand-in identity provider for the suite: a real RSA key pair whose public half is published as a JWKS
 * file, the way an organisation's provider publishes its keys; tests sign tokens with the private half.
 */
export function testIdentityProvider(folder: string): {
  jwt: JwtOptions;
  signer: { issuer: string; audience: string; privateKeyPem: string; keyId: string };
} {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = 'test-idp-1';
  const jwksFile = path.join(folder, 'jwks.json');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' }] }));
  const issuer = 'https://idp.test.nongsan.example/';
  const audience = 'nongsan-graph';
  return {
    jwt: { jwksFile, issuer, audience, clockSkewSeconds: 30 },
    signer: { issuer, audience, keyId, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
  };
}
