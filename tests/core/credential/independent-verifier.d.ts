// The independent verifier's packages ship no types; the test uses a few calls.
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
declare module 'jsonld-signatures';
declare module '@digitalbazaar/vc';
