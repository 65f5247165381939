// Loads every module that registers recipe steps. A new step module adds one import line here.
import "./core-steps.js";
import "./trace-steps.js";
import "./augment-step.js";
