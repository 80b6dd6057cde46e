// The TS syntax helpers live with the TS parser (src/parsing/ts/ts-utils.ts), where the model's fact
// collectors use them too; rule authors import them from here, the rule API.
export * from '../parsing/ts/ts-utils.js';
