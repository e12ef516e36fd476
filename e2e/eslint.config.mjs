import preset from '../config/eslint.preset.mjs';
export default preset;
