// n8n loads the nodes and credentials listed under "n8n" in package.json; this entry point only exists
// because npm requires a "main". It exports nothing on purpose.
module.exports = {};
