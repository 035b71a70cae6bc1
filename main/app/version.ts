import pkg from '../../package.json';

export const LABVISOR_VERSION: string = pkg.version;
