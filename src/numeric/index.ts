export * from './rounding.js';
