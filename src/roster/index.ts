export type { Role, Person, Compound, GridArea, Grid, Community, Roster, RosterFault } from './types.js';
export { RosterError } from './errors.js';
export { loadRoster, parseRoster, buildRoster } from './load.js';
export { expandBuildings, normalizeBuilding } from './buildings.js';
