/**
 * `npm run apikey -- <name> <scope[,scope]>`: makes a new random API key. Prints the key once
 * (give it to its user) and the API_KEYS entry holding only its SHA-256 (put it in the
 * service's environment). The key itself is never stored.
 */
import { randomBytes } from 'node:crypto';
import { SCOPES, apiKeySchema, sha256Hex } from '../src/auth/auth.js';

const [name, scopeList = 'curator'] = process.argv.slice(2);
const entry = { name, sha256: '', scopes: scopeList.split(',').map((s) => s.trim()) };
const key = `cdg_${randomBytes(24).toString('base64url')}`;
entry.sha256 = sha256Hex(key);
const parsed = apiKeySchema.safeParse(entry);
if (!name || !parsed.success) {
  console.error(`Usage: npm run apikey -- <name> <scopes>   (scopes: ${SCOPES.join(', ')}, comma-separated)`);
  if (parsed.error) for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
console.log(`API key for ${name} (shown once): ${key}`);
console.log(`API_KEYS entry: ${JSON.stringify(parsed.data)}`);
