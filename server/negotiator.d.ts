/**
 * The part of negotiator 1.1 the servers use (the version Express negotiates with here).
 * @types/negotiator (0.6) predates 1.0's order of preference for encodings the client rates equally.
 */
declare module 'negotiator' {
  /** Negotiates a request's `Accept-*` headers against what the server has. */
  class Negotiator {
    constructor(request: {
      readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    });
    /** The client's languages (`Accept-Language`), most preferred first; all of them without `available`. */
    languages(available?: readonly string[]): string[];
    /**
     * The acceptable ones of `available` encodings (`Accept-Encoding`; `identity` unless refused),
     * most preferred first; among equally rated ones, in the order of `options.preferred`.
     */
    encodings(
      available?: readonly string[],
      options?: { readonly preferred?: readonly string[] },
    ): string[];
  }
  export = Negotiator;
}
