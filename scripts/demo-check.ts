import 'reflect-metadata';
import { demoDataset, SHOWCASE } from '../demo/dataset';
const d = demoDataset();
for (const [k, v] of Object.entries(d)) console.log(k, (v as unknown[]).length);
console.log(d.households.find(h => h.id === SHOWCASE.lycheeCooperative));
console.log(d.households.find(h => h.id === SHOWCASE.coffeeBusiness)?.displayName, d.households.find(h => h.id === SHOWCASE.riceCooperative)?.displayName);
console.log(d.listings.filter(l => l.householdId === SHOWCASE.lycheeCooperative).map(l=>l.title));
console.log(d.orders[0], d.lots[0], d.events[0], d.certifications[0], d.growingAreas[0], d.traceCodes[0], d.censusRecords[0]);
