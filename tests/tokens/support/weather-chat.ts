import type { Message, ToolSpec } from '../../../src/models/types.js';

const locationProperties = {
  location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
  format: {
    type: 'string',
    enum: ['celsius', 'fahrenheit'],
    description: 'The temperature unit to use. Infer this from the users location.',
  },
};

/** The tools of mistral-common's weather chat (the fixture's `full_chat_vector`). */
export const weatherTools: ToolSpec[] = [
  {
    name: 'get_current_weather',
    description: 'Get the current weather',
    parameters: { type: 'object', properties: locationProperties, required: ['location', 'format'] },
  },
  {
    name: 'get_n_day_weather_forecast',
    description: 'Get an N-day weather forecast',
    parameters: {
      type: 'object',
      properties: {
        ...locationProperties,
        num_days: { type: 'integer', description: 'The number of days to forecast' },
      },
      required: ['location', 'format', 'num_days'],
    },
  },
];

/** The fixture's `full_chat_vector` conversation as neutral messages. */
export function weatherChat(): Message[] {
  return [
    { role: 'system', content: "Don't make assumptions about what values to plug into functions." },
    { role: 'system', content: 'Ask for clarification if a user request is ambiguous.' },
    { role: 'user', content: "What's the weather like today" },
    { role: 'assistant', content: 'Sure, can you please provide me with your location?' },
    { role: 'user', content: "I'm in Paris, France." },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        {
          id: '123456789',
          name: 'get_current_weather',
          arguments: '{"location":"Paris, France","format":"celsius"}',
        },
      ],
    },
    { role: 'tool', toolCallId: '123456789', name: 'get_current_weather', content: '22' },
    { role: 'assistant', content: 'The current temperature in Paris, France is 22 degrees Celsius.' },
    { role: 'user', content: 'what is the weather going to be like in Paris, France over the next x days' },
    { role: 'assistant', content: 'Please tell me the number of days you want the weather forecast for.' },
    { role: 'user', content: '5 days' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        {
          id: '123456789',
          name: 'get_n_day_weather_forecast',
          arguments: '{"location": "Paris, France", "format": "celsius", "num_days": 5}',
        },
      ],
    },
    {
      role: 'tool',
      toolCallId: '123456789',
      name: 'get_n_day_weather_forecast',
      content: '{"2024-05-22":"22","2024-05-23":"23","2024-05-24":"24","2024-05-25":"25","2024-05-26":"26"}',
    },
  ];
}
