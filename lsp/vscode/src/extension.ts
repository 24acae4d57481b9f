// klarsprak for VS Code: starts `klarsprak lsp` and shows målform and LIX in the status bar.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

/** The server's `klarsprak/status` notification (see klarsprak/lsp/convert.py). */
interface Status {
  uri: string;
  version: number | null;
  skipped: boolean;
  text: string;
  tooltip: string;
  malform?: string;
  lix?: number;
  words?: number;
}

interface Stats {
  text: string;
}

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem;
const statuses = new Map<string, Status>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'klarsprak.showStatistics';
  context.subscriptions.push(
    statusItem,
    vscode.commands.registerCommand('klarsprak.showStatistics', showStatistics),
    vscode.commands.registerCommand('klarsprak.restart', restart),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidCloseTextDocument((document) => statuses.delete(document.uri.toString())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('klarsprak.path')) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** `klarsprak` in PATH, or the configured path; undefined when it is not there. */
function findExecutable(command: string): string | undefined {
  const expanded = command.startsWith('~') ? path.join(os.homedir(), command.slice(1)) : command;
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  const candidates = expanded.includes('/') || expanded.includes('\\')
    ? [path.resolve(expanded)]
    : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, expanded));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const file = candidate + extension;
      try {
        if (fs.statSync(file).isFile()) {
          return file;
        }
      } catch {
        // not here; try the next one
      }
    }
  }
  return undefined;
}

function settings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('klarsprak');
  return {
    packs: config.get('packs'),
    minSeverity: config.get('minSeverity'),
    malform: config.get('malform'),
    maxCharacters: config.get('maxCharacters'),
  };
}

async function start(): Promise<void> {
  const configured = vscode.workspace.getConfiguration('klarsprak').get<string>('path') || 'klarsprak';
  const executable = findExecutable(configured);
  if (!executable) {
    const choice = await vscode.window.showErrorMessage(
      `Fant ikke klarsprak («${configured}»). Installer Python-pakken (pip install klarsprak) ` +
        'eller sett innstillingen klarsprak.path til programmet.',
      'Åpne innstillinger',
    );
    if (choice) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'klarsprak.path');
    }
    return;
  }
  const serverOptions: ServerOptions = { command: executable, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    // Settings changes are pushed; .klarsprak.yaml and the project's rule files are watched through
    // the server's own (dynamic) registration of workspace/didChangeWatchedFiles.
    synchronize: { configurationSection: 'klarsprak' },
    initializationOptions: settings(),
    outputChannelName: 'klarsprak',
  };
  client = new LanguageClient('klarsprak', 'klarsprak', serverOptions, clientOptions);
  client.onNotification('klarsprak/status', (status: Status) => {
    statuses.set(status.uri, status);
    updateStatus();
  });
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(`klarsprak lsp startet ikke: ${String(error)}`);
  }
  updateStatus();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  statuses.clear();
  if (running) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function updateStatus(): void {
  const editor = vscode.window.activeTextEditor;
  const status = editor ? statuses.get(editor.document.uri.toString()) : undefined;
  if (!status) {
    statusItem.hide();
    return;
  }
  statusItem.text = `$(book) ${status.text}`;
  statusItem.tooltip = status.tooltip ? `${status.tooltip}\nKlikk for statistikk.` : 'klarsprak';
  statusItem.show();
}

async function showStatistics(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('Åpne et innlegg (Markdown eller tekst) for å se statistikk.');
    return;
  }
  const stats = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: 'klarsprak.stats',
    arguments: [editor.document.uri.toString()],
  })) as Stats | null;
  if (!stats) {
    void vscode.window.showInformationMessage('klarsprak har ingen statistikk for dette dokumentet.');
    return;
  }
  await vscode.window.showInformationMessage('Statistikk for innlegget', { modal: true, detail: stats.text });
}
