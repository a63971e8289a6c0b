// The little of jsdom's API the pages use (the project compiles without the DOM lib, which @types/jsdom needs).
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string)
    readonly window: { readonly document: unknown }
  }
}
