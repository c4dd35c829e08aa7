import { createApp } from 'vue';
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import App from './App.vue';

createApp(App).mount('#app');
