/** Token formats: ai services. */
import { type FormatFamily, plant } from './define.js';

export const AI: FormatFamily = {
  id: 'ai',
  title: 'AI services',
  formats: [
    {
      id: 'openai-api-key',
      title: 'OpenAI API key (legacy user key)',
      keywords: ['t3blbkfj'],
      pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [plant("select ai_complete(prompt, api_key => '%s') from prompts", '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')],
      falsePositives: ['sk-jFwxy0kN8tzo43NDGST3BlbkFJQlpkwB2OixbprNi5KnJY', 'disk-jFwxy0kN8tzo43NDGSGsT3BlbkFJQlpkwB2OixbprNi5KnJY'],
    },
    {
      id: 'openai-project-key',
      title: 'OpenAI project, service account or admin key',
      keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
      pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant(
          'OPENAI_API_KEY=%s',
          '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',
        ),
        plant('{"api_key": "%s"}', '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'),
        plant('admin key: %s', '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'),
      ],
      falsePositives: ['sk-proj-abc123', 'sk-proj-...', 'task-proj-IEEaKj-Oo_RfxcKBDWg60nw_NcYT3BlbkFJtiDu2kqTIp-O32uiOG12lhmF'],
    },
    {
      id: 'anthropic-api-key',
      title: 'Anthropic API key',
      keywords: ['sk-ant-api03-'],
      pattern: /(?<![A-Za-z0-9_-])sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant('ANTHROPIC_API_KEY=%s', 'sk-ant-api03-h7FeVmZwU0dMsvqh6hVArp6zB6gyU_G7xgN4p5MLVN47RSG9CRYBnrVCtUy0ZRQuPsqbf-RDPZASocX3BBK2PPEf8t2LjAA'),
      ],
      falsePositives: ['sk-ant-api03-h7FeVmZwU0dMsvqh6hVArp6zB6gyU_G7xgN4p5MLVN47RSG9CRYBnrVCtUy0ZRQuPsqbf-RDPZASocX3BBK2PPEf8t2LjBB', 'sk-ant-api03-...'],
    },
    {
      id: 'anthropic-admin-key',
      title: 'Anthropic admin API key',
      keywords: ['sk-ant-admin01-'],
      pattern: /(?<![A-Za-z0-9_-])sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant('x-api-key: %s', 'sk-ant-admin01-LznahaG6-9a6hRh0zvhFwjasm1SfoZs_95fLIDyXPyCdgxjcp-5f0Jz7qgqZyMPknxwBW-x-3EyvS7RN5E6chGdjrYlE7AA'),
      ],
      falsePositives: ['sk-ant-admin-test-key-123'],
    },
    {
      id: 'huggingface-token',
      title: 'Hugging Face access token',
      keywords: ['hf_'],
      pattern: /(?<![A-Za-z0-9_])hf_(?=[A-Za-z]{0,33}[A-Z])(?=[A-Za-z]{0,33}[a-z])[A-Za-z]{34}(?![A-Za-z0-9_])/,
      entropy: 3.8,
      confidence: 'high',
      truePositives: [
        plant('HF_TOKEN=%s', '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'),
        plant("select ml.embed(text, token => '%s')", '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'),
      ],
      falsePositives: ['hf_transformersautomodelforsequencex', 'ahf_VUyIRNWpRtMEcdummVEaaAmOFHImurWPoM', 'hf_VUyIRNWpRtMEcdummVEaaAmOFHImurWPo'],
    },
  ],
};
