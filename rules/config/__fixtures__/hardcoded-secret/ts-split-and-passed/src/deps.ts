export declare function createHmac(alg: string, key: string): unknown;
export declare function spawn(cmd: string, args: string[]): unknown;
