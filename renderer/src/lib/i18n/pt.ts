import type { MessageKey } from './en';

// Português: the welcome only, as the portal itself publishes it; the rest falls back to English.
export const pt: Partial<Record<MessageKey, string>> = {
  'app.title': 'Portal B2B',
  'app.skip': 'Ir para o conteúdo',
  'app.language': 'Idioma',
  'app.nav.home': 'Início',
  'app.nav.access': 'Obter acesso',
  'home.title': 'Descubra o Portal B2B!',
  'home.intro':
    'Três etapas levam a sua empresa da primeira apresentação até à área privada de cada um dos seus colegas.',
  'home.stage': 'Etapa {n}',
  'home.present.title': 'Apresente a sua empresa na Base de Dados de Fornecedores',
  'home.access.title': 'Obtenha acesso ao portal B2B',
  'home.login.title': 'Aceda à sua área privada',
  'nav.help': 'Ajuda e Contacto',
};
