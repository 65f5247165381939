// Public surface of fine-tuning job submission (re-exported by the dataset room's index.ts).
export { SubmitError, providerBaseUrl, submitFineTuningJob } from "./submit-job.js";
