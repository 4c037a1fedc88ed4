// What npm run deploy deploys, read from the repository: the functions with their config.json, the
// collections and indexes of database/collections.json, the database rules of database/security-rules.json
// and the storage rules of database/storage-rules.json (null when the file is not there).
import fs from 'node:fs';
import path from 'node:path';

export type Rule = Record<string, boolean | string>;

export interface FunctionConfig {
  timeout?: number;
  permissions?: { openapi?: string[] };
  triggers?: { name: string; type: string; config: string }[];
}

export interface FunctionSource {
  name: string;
  dir: string;
  config: FunctionConfig;
}

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

export interface Repo {
  functions: FunctionSource[];
  collections: CollectionSpec[];
  databaseRules: { default: Rule; collections: Record<string, Rule> };
  storageRules: Rule | null;
  storageRulesFile: string;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

export function readRepo(root: string): Repo {
  const fnRoot = path.join(root, 'cloudfunctions');
  const functions = fs.readdirSync(fnRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(fnRoot, d.name, 'config.json')))
    .map((d) => ({ name: d.name, dir: path.join(fnRoot, d.name), config: readJson<FunctionConfig>(path.join(fnRoot, d.name, 'config.json')) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { collections } = readJson<{ collections: CollectionSpec[] }>(path.join(root, 'database/collections.json'));
  const databaseRules = readJson<Repo['databaseRules']>(path.join(root, 'database/security-rules.json'));
  const storageRulesFile = path.join(root, 'database/storage-rules.json');
  const storageRules = fs.existsSync(storageRulesFile) ? readJson<Rule>(storageRulesFile) : null;
  return { functions, collections, databaseRules, storageRules, storageRulesFile };
}
