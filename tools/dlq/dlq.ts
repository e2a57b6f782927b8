import { ConfigValidationError, KafkaClientConfig, loadConfig } from '@notify/config';
import { DeadLetterTool, type DeadLetterToolOutput } from '@notify/messaging';
import { parseDlqArguments, USAGE, UsageError } from './dlq-arguments';

const output: DeadLetterToolOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  progress: (text) => process.stderr.write(`${text}\n`),
  audit: (record) =>
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`),
};

async function main(args: readonly string[]): Promise<number> {
  try {
    const command = parseDlqArguments(args);
    const tool = DeadLetterTool.fromSettings(loadConfig(KafkaClientConfig), output);
    if (command.action === 'list') {
      await tool.list(command.topic, command.selection);
    } else {
      await tool.replay(command.topic, command.selection, command.operator);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(
      error instanceof ConfigValidationError ? `${error.message}\n` : `dlq failed: ${String(error)}\n`,
    );
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
